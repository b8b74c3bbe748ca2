package dev.glsmon.processor.config;

import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.Durations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessorConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        ProcessorConfig config = ProcessorConfig.defaults();

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.applicationId()).isEqualTo("glsmon-processor");
        assertThat(config.topics().sessionSnapshots().name()).isEqualTo("glsmon.session-snapshots");
        assertThat(config.httpBind()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(9402);
        assertThat(config.vanishCycles()).isEqualTo(2);
        assertThat(config.reasonWaitCycles()).isEqualTo(1);
        assertThat(config.endedRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(config.windows()).containsExactly(
                new WindowSpec("1m", Duration.ofMinutes(1), Duration.ofMinutes(1)),
                new WindowSpec("5m", Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThat(config.windowGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.errorCategories()).containsExactly("APPLICATION_CRASH", "CAPACITY", "PLATFORM", "CLIENT");
        assertThat(config.reasonCategories()).containsAllEntriesOf(ProcessorConfig.DEFAULT_REASON_CATEGORIES);
        assertThat(config.export().enabledRules()).isEmpty();
        assertThat(config.export().uris()).isEmpty();
        assertThat(config.liveRatesTopic()).isEqualTo("glsmon-processor-location-live-rates");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "vanish-cycles        | 0          | must be at least 1",
        "vanish-cycles        | two        | 'two' is not a number",
        "partitions           | 0          | must be at least 1",
        "http-port            | 70000      | is not a port",
        "ended-retention      | forever    | is not a duration",
        "ended-retention      | 0s         | must be positive",
        "window-grace         | -PT1S      | is negative",
        "windows              | 1m,1m      | defined twice",
        "windows              | 1m:5m      | advance <= size",
        "min-timestamp        | yesterday  | is not an ISO-8601 instant",
        "reason-categories    | idleTimeout | is not REASON=CATEGORY",
        "export-sample-rate   | 1.5        | must be between 0 and 1",
        "export-client-disconnect | maybe  | is not true or false",
        "application-id       | a b        | may only hold",
        "advertised-address   | nohost     | is not HOST:PORT",
        "topic-prefix         | bad/prefix | may only hold",
    })
    void namesTheSettingWhoseValueCannotBeUsed(String setting, String value, String problem) {
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of(setting, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("setting '" + setting + "'")
                .hasMessageContaining(problem)
                .extracting(e -> ((InvalidSettingException) e).setting()).isEqualTo(setting);
    }

    @Test
    void rejectsAnUnknownSetting() {
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of("vanish-cycle", "3")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("setting 'vanish-cycle': unknown setting");
    }

    @Test
    void needsAnOutputUriUnderTheAllowListWhenAnExportRuleIsOn() {
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of("export-client-disconnect", "true")))
                .hasMessageContaining("setting 'export-output-uri': must be set");
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of("export-client-disconnect", "true",
                        "export-output-uri", "s3://exports/glsmon/")))
                .hasMessageContaining("setting 'export-allowed-prefixes'");
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of("export-client-disconnect", "true",
                        "export-output-uri", "s3://other-bucket/glsmon/", "export-allowed-prefixes", "s3://exports/")))
                .hasMessageContaining("setting 'export-output-uri'")
                .hasMessageContaining("not under any allowed prefix");
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of("export-client-disconnect", "true",
                        "export-output-uri", "s3://exports/glsmon/one.zip", "export-allowed-prefixes", "s3://exports/")))
                .hasMessageContaining("must end with '/'");
        assertThatThrownBy(() -> ProcessorConfig.from(Map.of("export-client-disconnect", "true",
                        "export-output-uri", "https://exports/glsmon/", "export-allowed-prefixes", "s3://exports/")))
                .hasMessageContaining("is not an s3:// URI");
    }

    @Test
    void readsEnabledExportRules() {
        ProcessorConfig config = ProcessorConfig.from(Map.of(
                "export-output-uri", "s3://exports/glsmon/{rule}/",
                "export-allowed-prefixes", "s3://exports/glsmon/",
                "export-client-disconnect", "true",
                "export-error-rate", "yes",
                "export-error-rate-window", "5m",
                "export-sample-rate", "0.01",
                "export-applications", "arn:a,arn:b"));

        assertThat(config.export().enabledRules()).containsExactlyInAnyOrder(ExportRule.values());
        assertThat(config.export().errorRateWindow().name()).isEqualTo("5m");
        assertThat(config.export().applications()).containsExactly("arn:a", "arn:b");
        assertThatThrownBy(() -> config.with("export-error-rate-window", "2m"))
                .hasMessageContaining("setting 'export-error-rate-window': no window named '2m'");
    }

    @Test
    void readsGlsmonEnvironmentVariablesAndPassesKafkaSettingsThrough() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(Map.of(
                "GLSMON_VANISH_CYCLES", "4", "GLSMON_WINDOWS", "30s", "PATH", "/usr/bin"));
        assertThat(config.vanishCycles()).isEqualTo(4);
        assertThat(config.windows()).extracting(WindowSpec::name).containsExactly("30s");

        Map<String, String> settings = new HashMap<>(Map.of("kafka.commit.interval.ms", "50"));
        assertThat(ProcessorConfig.from(settings).kafkaProperties()).containsEntry("commit.interval.ms", "50");
    }

    @Test
    void derivesEnvironmentVariableAndOptionNames() {
        assertThat(ProcessorSettings.VANISH_CYCLES.envVariable()).isEqualTo("GLSMON_VANISH_CYCLES");
        assertThat(ProcessorSettings.HTTP_PORT.option()).isEqualTo("--http-port");
        assertThat(ProcessorSettings.TABLE.all()).extracting(Setting::name).doesNotHaveDuplicates();
    }

    @Test
    void findsTheWindowsThatContainAnInstant() {
        WindowSpec hopping = WindowSpec.parse("5m:1m");
        long t = Duration.ofMinutes(10).plusSeconds(30).toMillis();
        assertThat(hopping.earliestStartContaining(t)).isEqualTo(Duration.ofMinutes(6).toMillis());
        assertThat(hopping.latestStartContaining(t)).isEqualTo(Duration.ofMinutes(10).toMillis());
        WindowSpec tumbling = WindowSpec.parse("1m");
        assertThat(tumbling.earliestStartContaining(t)).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(tumbling.earliestStartContaining(Duration.ofMinutes(10).toMillis()))
                .isEqualTo(Duration.ofMinutes(10).toMillis());
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(List.of("500ms", "30s", "5m", "2h", "1d", "PT1M30S")).extracting(Durations::parse).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(2),
                Duration.ofDays(1), Duration.ofSeconds(90));
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    @Test
    void neverShowsKafkaSecretsInItsText() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"pw-123\";";
        ProcessorConfig config = ProcessorConfig.from(Map.of(
                "kafka.sasl.jaas.config", jaas,
                "kafka.ssl.key.password", "pw-456",
                "kafka.producer.ssl.truststore.password", "pw-789",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.security.protocol", "SASL_SSL"));

        assertThat(config.kafkaProperties()).containsEntry("sasl.jaas.config", jaas)
                .containsEntry("ssl.key.password", "pw-456").containsEntry("producer.ssl.truststore.password", "pw-789");
        assertThat(config.toString()).doesNotContain("pw-123", "pw-456", "pw-789")
                .contains("kafka.sasl.jaas.config=[hidden]", "kafka.sasl.mechanism=PLAIN",
                        "kafka.security.protocol=SASL_SSL");
    }
}
