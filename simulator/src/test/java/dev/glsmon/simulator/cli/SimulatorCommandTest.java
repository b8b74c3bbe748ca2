package dev.glsmon.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.common.config.SettingsCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulatorCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--time-scale|abc",
        "--time-scale|-1",
        "--http-port|70000",
        "--port|70000",
        "--seed|forty-two",
        "--scenario|no-such-scenario",
        "--retention|soon",
        "--account-id|12",
        "--throttle-probability|1.5",
        "--start-time|yesterday",
        "--populate|-3",
        "--latency|200"
    })
    void aBadOptionExitsWithTwoAndNamesTheOption(String option, String value) {
        int exit = cli(Map.of()).execute(option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(option.equals("--port") ? "--http-port" : option);
    }

    @Test
    void anUnknownOptionExitsWithTwo() {
        assertThat(cli(Map.of()).execute("--colour", "blue")).isEqualTo(2);
        assertThat(err.toString()).contains("--colour");
    }

    @Test
    void aBadEnvironmentValueIsReportedLikeABadOption() {
        int exit = cli(Map.of("GLSMON_TIME_SCALE", "fast")).execute();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--time-scale");
    }

    @Test
    void helpListsEveryOptionAndItsEnvironmentVariableRule() {
        CommandLine cli = cli(Map.of());

        assertThat(cli.execute("--help")).isZero();
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            if (!option.hidden()) {
                assertThat(out.toString()).contains(option.longestName());
            }
        }
        assertThat(out.toString()).contains("GLSMON_TIME_SCALE");
    }

    @Test
    void environmentVariablesFillOptionsAndTheCommandLineWins() {
        CommandLine cli = SimulatorCommand.commandLine(Map.of("GLSMON_TIME_SCALE", "60", "GLSMON_SEED", "9",
                "GLSMON_ENFORCE_RATE_LIMITS", "true"));

        cli.parseArgs("--seed", "10");

        assertThat(SettingsCommandLine.values(cli.getCommandSpec(), SimulatorSettings.TABLE))
                .containsEntry("time-scale", "60").containsEntry("seed", "10")
                .containsEntry("enforce-rate-limits", "true").doesNotContainKey("http-port");
    }

    @Test
    void theFormerPortAndBindStillWorkAndTheNewNamesWin() {
        CommandLine cli = cli(Map.of("GLSMON_PORT", "9000", "GLSMON_HTTP_BIND", "0.0.0.0", "GLSMON_BIND", "10.0.0.1"));

        cli.parseArgs("--port", "9001");

        assertThat(SettingsCommandLine.values(cli.getCommandSpec(), SimulatorSettings.TABLE))
                .containsEntry("http-port", "9001").containsEntry("http-bind", "0.0.0.0");
        assertThat(err.toString()).contains("--port is deprecated, use --http-port");
    }

    @Test
    void startsPrintsItsEndpointAndStopsCleanly(@TempDir Path dir) throws Exception {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine cli = SimulatorCommand.commandLine(command, Map.of("GLSMON_HTTP_PORT", "0"));
        cli.setOut(new PrintWriter(out, true));
        Path truth = dir.resolve("truth.jsonl");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> cli.execute("--scenario", "demo", "--time-scale", "60",
                    "--truth-log", truth.toString(), "--populate", "10", "--populate-groups", "2"));
            URI endpoint = command.awaitStarted(Duration.ofSeconds(30));

            assertThat(endpoint).isNotNull();
            assertThat(out.toString()).contains("glsmon simulator listening on " + endpoint);
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(Files.readAllLines(truth)).hasSizeGreaterThan(100);
        } finally {
            runner.shutdownNow();
        }
    }

    private CommandLine cli(Map<String, String> env) {
        CommandLine cli = SimulatorCommand.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
