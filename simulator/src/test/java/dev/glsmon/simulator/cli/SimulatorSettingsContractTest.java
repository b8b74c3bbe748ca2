package dev.glsmon.simulator.cli;

import static dev.glsmon.simulator.cli.SimulatorSettings.*;

import dev.glsmon.testkit.SettingsContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every simulator setting via its option and its variable (and former names), a bad value of each kind refused with exit code 2. */
class SimulatorSettingsContractTest {

    @Test
    void everySettingFromOptionAndEnvironment(@TempDir Path dir) throws Exception {
        Path faults = Files.writeString(dir.resolve("faults.json"), "{\"enforceRateLimits\": true}");
        new SettingsContract(TABLE, SimulatorCommand::commandLine, parsed -> parsed.<SimulatorCommand>getCommand().config())
                .sample(HTTP_PORT, "9999", "70000")
                .anyText(HTTP_BIND, "0.0.0.0")
                .sample(SCENARIO, "empty", "no-such-scenario")
                .sample(SEED, "7", "forty-two")
                .sample(TIME_SCALE, "60", "-1")
                .sample(START_TIME, "2026-01-01T00:00:00Z", "yesterday")
                .sample(RETENTION, "90s", "soon")
                .anyText(TRUTH_LOG, dir.resolve("truth.jsonl").toString())
                .sample(TRUTH_CAPACITY, "10", "-1")
                .sample(REQUEST_LOG_CAPACITY, "0", "-1")
                .sample(REGION, "eu-central-1", "Mars")
                .sample(ACCOUNT_ID, "123456789012", "12")
                .sample(THREADS, "2", "0")
                .sample(POPULATE, "10", "-3")
                .sample(POPULATE_GROUPS, "2", "0")
                .sample(ENFORCE_RATE_LIMITS, "true", "maybe")
                .sample(FAULTS_FILE, faults.toString(), dir.resolve("missing.json").toString())
                .sample(THROTTLE_PROBABILITY, "0.1", "1.5")
                .sample(SERVER_ERROR_PROBABILITY, "0.1", "2")
                .sample(LATENCY, "200ms", "200")
                .sample(FAIL_PAGE, "2", "-1")
                .sample(MALFORMED_PROBABILITY, "0.5", "often")
                .verify();
    }
}
