package dev.glsmon.local;

import static dev.glsmon.local.LocalStackSettings.*;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.testkit.SettingsContract;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every setting of the local stack launcher and of its {@code tail} via option and variable (and former
 * names), a bad value of each kind refused with exit code 2.
 */
class LocalStackSettingsContractTest {

    @Test
    void everyLauncherSettingFromOptionAndEnvironment() {
        new SettingsContract(TABLE, LocalStackMain::commandLine, parsed -> parsed.<LocalStackMain>getCommand().options())
                .anyText(DATA_DIR, "/var/tmp/glsmon")
                .sample(TIME_SCALE, "120", "20000")
                .sample(DURATION, "10m", "10")
                .anyText(SCENARIO, "my-scenario.yaml")
                .sample(SEED, "7", "seven")
                .sample(POLL_INTERVAL, "1s", "0s")
                .sample(KAFKA_PORT, "19092", "-1")
                .sample(SIMULATOR_HTTP_PORT, "18443", "65536")
                .sample(POLLER_HTTP_PORT, "19401", "x")
                .sample(PROCESSOR_HTTP_PORT, "19402", "99999")
                .anyText(HTTP_BIND, "0.0.0.0")
                .sample(QUIET, "true", "maybe")
                .sample(SUMMARY_INTERVAL, "5s", "5")
                .sample(AWS, "true", "maybe", Map.of("region", "eu-central-1"))
                .anyText(REGION, "eu-central-1")
                .anyText(STREAM_GROUPS, "sg-1AB2C3De4,sg-5FG6H7Ij8")
                .verify();
    }

    @Test
    void anAwsRunWithoutARegionExitsWithTwoNamingTheRegion() {
        StringWriter err = new StringWriter();
        CommandLine cli = LocalStackMain.commandLine(Map.of()).setErr(new PrintWriter(err));

        assertThat(cli.execute("--aws")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--region': required with --aws");
    }

    @Test
    void everyTailSettingFromOptionAndEnvironment() {
        new SettingsContract(TailSettings.TABLE, TailCommand::commandLine, parsed -> parsed.<TailCommand>getCommand().options())
                .positionals("session-transitions")
                .sample(TailSettings.BOOTSTRAP_SERVERS, "broker-1:9092,broker-2:9092", "broker-1")
                .anyText(TailSettings.TOPIC_PREFIX, "studio.")
                .sample(TailSettings.FROM_BEGINNING, "true", "maybe")
                .sample(TailSettings.MAX_RECORDS, "10", "-2")
                .sample(TailSettings.IDLE_TIMEOUT, "20s", "20")
                .verify();
    }
}
