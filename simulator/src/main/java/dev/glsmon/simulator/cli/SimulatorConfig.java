package dev.glsmon.simulator.cli;

import static dev.glsmon.simulator.cli.SimulatorSettings.*;

import dev.glsmon.common.config.Durations;
import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.SettingsReader;
import dev.glsmon.simulator.FaultSettings;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.simulator.ScaledClock;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator program's configuration, typed and checked when built from a map of setting name to
 * text ({@link SimulatorSettings}); the scenario and the faults file are read here, so that a bad one
 * stops start-up naming its option.
 */
final class SimulatorConfig {

    private final Simulator.Builder builder;
    private final int populate;
    private final int populateGroups;

    private SimulatorConfig(SettingsReader r) {
        int port = r.port(HTTP_PORT);
        String bind = r.nonBlank(HTTP_BIND);
        Scenario scenario = r.read(SCENARIO, Scenario::load);
        Optional<Duration> retention = r.optional(RETENTION, Durations::parse);
        long seed = r.read(SEED, Long::parseLong);
        double timeScale = r.positiveNumber(TIME_SCALE);
        Optional<Instant> startTime = r.given(START_TIME) ? Optional.of(r.instant(START_TIME)) : Optional.empty();
        Optional<Path> truthLog = r.optional(TRUTH_LOG, Path::of);
        int truthCapacity = r.intAtLeast(TRUTH_CAPACITY, 0);
        int requestLogCapacity = r.intAtLeast(REQUEST_LOG_CAPACITY, 0);
        String region = r.read(REGION, v -> {
            if (!v.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw new IllegalArgumentException("'" + v + "' does not look like us-west-2");
            }
            return v;
        });
        String accountId = r.read(ACCOUNT_ID, v -> {
            if (!v.matches("\\d{12}")) {
                throw new IllegalArgumentException("'" + v + "' is not 12 digits");
            }
            return v;
        });
        int threads = r.intAtLeast(THREADS, 1);
        populate = r.intAtLeast(POPULATE, 0);
        populateGroups = r.intAtLeast(POPULATE_GROUPS, 1);
        FaultSettings faults = faults(r);
        r.rejectUnknown();

        builder = Simulator.builder()
                .scenario(retention.map(scenario::withRetention).orElse(scenario))
                .seed(seed)
                .bindAddress(bind)
                .port(port)
                .region(region)
                .accountId(accountId)
                .truthLogFile(truthLog.orElse(null))
                .truthCapacity(truthCapacity)
                .requestLogCapacity(requestLogCapacity)
                .serverThreads(threads)
                .faults(faults);
        startTime.ifPresentOrElse(start -> builder.clock(new ScaledClock(start, timeScale)), () -> builder.timeScale(timeScale));
    }

    /**
     * @param settings setting name -> text; missing settings take their defaults
     * @throws InvalidSettingException naming the first setting that cannot be used
     */
    static SimulatorConfig from(Map<String, String> settings) {
        return new SimulatorConfig(new SettingsReader(settings));
    }

    /** The faults file's settings, with the fault options over its default for every operation. */
    private static FaultSettings faults(SettingsReader r) {
        FaultSettings base = r.optional(FAULTS_FILE, file -> {
            try {
                return FaultSettings.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage() + ")", e);
            }
        }).orElse(FaultSettings.NONE);
        OperationFaults d = base.defaults();
        if (r.given(THROTTLE_PROBABILITY)) {
            d = d.withThrottleProbability(r.ratio(THROTTLE_PROBABILITY));
        }
        if (r.given(SERVER_ERROR_PROBABILITY)) {
            d = d.withServerErrorProbability(r.ratio(SERVER_ERROR_PROBABILITY));
        }
        if (r.given(LATENCY)) {
            d = d.withLatencyMillis(r.duration(LATENCY).toMillis());
        }
        if (r.given(FAIL_PAGE)) {
            d = d.withFailPage(r.intAtLeast(FAIL_PAGE, 0));
        }
        if (r.given(MALFORMED_PROBABILITY)) {
            d = d.withMalformed(r.ratio(MALFORMED_PROBABILITY));
        }
        return base.withDefaults(d).withEnforceRateLimits(r.bool(ENFORCE_RATE_LIMITS) || base.enforceRateLimits());
    }

    /** The simulator these settings describe, not yet started. */
    Simulator.Builder builder() {
        return builder;
    }

    int populate() {
        return populate;
    }

    int populateGroups() {
        return populateGroups;
    }
}
