package dev.glsmon.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmbeddedBrokerMainTest {

    @Test
    void rejectsAnOutOfRangePortWithExitCodeTwoNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = EmbeddedBrokerMain.commandLine(Map.of()).setErr(new PrintWriter(err));

        int exit = cli.execute("--port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    void rejectsANonNumericPort() {
        StringWriter err = new StringWriter();
        CommandLine cli = EmbeddedBrokerMain.commandLine(Map.of()).setErr(new PrintWriter(err));

        assertThat(cli.execute("--port", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    void refusesAClusterNodeWithoutAClusterIdWithExitCodeTwoNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = EmbeddedBrokerMain.commandLine(Map.of()).setErr(new PrintWriter(err));

        int exit = cli.execute("--port", "0", "--node-id", "2",
                "--controller-quorum-voters", "1@localhost:19093,2@localhost:19094,3@localhost:19095");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--cluster-id");
    }

    @Test
    void keepsListValuesOfKafkaPropertiesWhole() {
        CommandLine cli = EmbeddedBrokerMain.commandLine(Map.of());

        cli.parseArgs(
                "--kafka-property", "listeners=INTERNAL://0.0.0.0:19092,HOST://0.0.0.0:9092,CONTROLLER://localhost:9093",
                "--kafka-property=listener.security.protocol.map=INTERNAL:PLAINTEXT,HOST:PLAINTEXT,"
                        + "inter.broker.listener.name=INTERNAL");

        assertThat(cli.<EmbeddedBrokerMain>getCommand().config().kafkaProperties()).containsExactly(
                entry("listeners", "INTERNAL://0.0.0.0:19092,HOST://0.0.0.0:9092,CONTROLLER://localhost:9093"),
                entry("listener.security.protocol.map", "INTERNAL:PLAINTEXT,HOST:PLAINTEXT"),
                entry("inter.broker.listener.name", "INTERNAL"));
    }

    @Test
    void rejectsAKafkaPropertyWithoutValueWithExitCodeTwoNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = EmbeddedBrokerMain.commandLine(Map.of()).setErr(new PrintWriter(err));

        assertThat(cli.execute("--kafka-property", "listeners")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-property");
    }
}
