package dev.glsmon.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A renamed setting's former names, and a repeatable setting, on a command line made from a table. */
class SettingsCommandLineTest {

    private static final Setting PORT = Setting.of("http-port", "PORT", "8443", "Port.").formerly("port");
    private static final Setting PROPERTY = Setting.repeatable("kafka-property", "KEY=VALUE", "A property.");
    private static final SettingTable TABLE = SettingTable.of(PORT, PROPERTY);

    @Command(name = "test")
    static final class Program {}

    private final StringWriter err = new StringWriter();

    private Map<String, String> values(Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new Program());
        SettingsCommandLine.addOptions(commandLine, TABLE, environment);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.parseArgs(args);
        return SettingsCommandLine.values(commandLine.getCommandSpec(), TABLE);
    }

    @Test
    void theFormerOptionAndVariableStillSetTheSettingWithAWarning() {
        assertThat(values(Map.of(), "--port", "9000")).containsEntry("http-port", "9000");
        assertThat(err.toString()).contains("--port is deprecated, use --http-port");
        assertThat(values(Map.of("GLSMON_PORT", "9001"))).containsEntry("http-port", "9001");
        assertThat(TABLE.fromEnvironment(Map.of("GLSMON_PORT", "9001"))).containsEntry("http-port", "9001");
    }

    @Test
    void theNewNameWinsOverTheFormerAndTheCommandLineOverTheEnvironment() {
        assertThat(values(Map.of("GLSMON_HTTP_PORT", "9002", "GLSMON_PORT", "9001"))).containsEntry("http-port", "9002");
        assertThat(values(Map.of("GLSMON_HTTP_PORT", "9002"), "--port", "9003")).containsEntry("http-port", "9003");
        assertThat(values(Map.of(), "--http-port", "9004", "--port", "9003")).containsEntry("http-port", "9004");
    }

    @Test
    void aRepeatedOptionJoinsItsValuesAndReplacesTheVariable() {
        assertThat(values(Map.of("GLSMON_KAFKA_PROPERTY", "a=1,b=2"))).containsEntry("kafka-property", "a=1,b=2");
        assertThat(values(Map.of("GLSMON_KAFKA_PROPERTY", "a=1"), "--kafka-property", "b=2", "--kafka-property=c=3"))
                .containsEntry("kafka-property", "b=2,c=3");
        assertThat(values(Map.of())).doesNotContainKey("kafka-property");
    }

    @Test
    void aFormerNameMayNotBeAnotherSettingsName() {
        assertThatThrownBy(() -> SettingTable.of(PORT, Setting.of("port", "PORT", "", "Another.")))
                .hasMessageContaining("'port' is declared twice");
    }
}
