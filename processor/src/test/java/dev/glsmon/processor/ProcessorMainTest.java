package dev.glsmon.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.config.ProcessorSettings;
import dev.glsmon.common.config.Setting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProcessorMainTest {

    private record Result(int exitCode, String out, String err) {}

    private static Result execute(String... args) {
        CommandLine commandLine = ProcessorMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        Result result = execute("--help");

        assertThat(result.exitCode()).isZero();
        for (Setting setting : ProcessorSettings.TABLE.all()) {
            assertThat(result.out()).contains(setting.option()).contains(setting.envVariable());
        }
        assertThat(result.out()).contains("--kafka-property", "--kafka-properties-file", "GLSMON_KAFKA_PROPERTY");
        assertThat(result.out().replaceAll("\\s+", " ")).contains("Default: 0.0.0.0");
    }

    @Test
    void stopsWithExitCodeTwoAndNamesTheBadOption() {
        Result result = execute("--vanish-cycles", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--vanish-cycles': must be at least 1");
    }

    @Test
    void stopsWithExitCodeTwoOnAnUnknownOption() {
        Result result = execute("--vanish-cycle", "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--vanish-cycle");
    }

    @Test
    void namesTheOptionWhenTheExportUriLeavesTheAllowList() {
        Result result = execute("--export-client-disconnect", "--export-output-uri", "s3://bucket-a/b/",
                "--export-allowed-prefixes", "s3://bucket-c/");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--export-output-uri'");
    }

    @Test
    void turnsOptionsIntoTheConfiguration(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=PLAINTEXT\ncommit.interval.ms=500\n");

        ProcessorConfig config = ProcessorMain.configFrom("--bootstrap-servers", "broker:9092", "--http-port", "9999",
                "--vanish-cycles", "3", "--windows", "2m", "--kafka-property", "commit.interval.ms=50",
                "--kafka-properties-file", file.toString(), "--export-client-disconnect",
                "--export-output-uri", "s3://exports/x/", "--export-allowed-prefixes", "s3://exports/");

        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.httpPort()).isEqualTo(9999);
        assertThat(config.vanishCycles()).isEqualTo(3);
        assertThat(config.windows()).hasSize(1);
        assertThat(config.kafkaProperties()).containsEntry("commit.interval.ms", "50")
                .containsEntry("security.protocol", "PLAINTEXT");
        assertThat(config.export().enabledRules()).hasSize(1);
    }

    @Test
    void passesTheShippedSaslSslExampleUnchangedToEveryKafkaClient() throws IOException {
        Path example = Path.of("../deploy/kafka-client/sasl-ssl.properties.example");
        java.util.Properties expected = new java.util.Properties();
        try (var in = Files.newInputStream(example)) {
            expected.load(in);
        }

        ProcessorConfig config = ProcessorMain.configFrom("--kafka-properties-file", example.toString());
        org.apache.kafka.streams.StreamsConfig streams = new org.apache.kafka.streams.StreamsConfig(
                dev.glsmon.processor.topology.StreamsSettings.of(config,
                        dev.glsmon.processor.metrics.ProcessorMetrics.NONE, new java.util.Properties()));

        assertThat(expected).containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        for (Map<String, Object> client : List.of(streams.getMainConsumerConfigs("g", "c", 0),
                streams.getProducerConfigs("c"), streams.getAdminConfigs("c"), streams.getRestoreConsumerConfigs("c"))) {
            expected.forEach((key, value) -> assertThat(String.valueOf(client.get(String.valueOf(key))))
                    .as(String.valueOf(key)).isEqualTo(value));
        }
        assertThat(config.toString()).doesNotContain("CHANGE-ME");
    }

    @Test
    void rejectsAnUnreadablePropertiesFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ProcessorMain.configFrom("--kafka-properties-file", dir.resolve("missing").toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--kafka-properties-file");
    }

    /** The environment can only be set for a new process: run the real main in a child JVM. */
    @Test
    void fallsBackToGlsmonEnvironmentVariables() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProcessorMain.class.getName()));
        builder.environment().put("GLSMON_VANISH_CYCLES", "0");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("Invalid value for option '--vanish-cycles': must be at least 1");
    }
}
