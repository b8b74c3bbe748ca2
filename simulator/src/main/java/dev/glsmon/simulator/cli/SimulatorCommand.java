package dev.glsmon.simulator.cli;

import dev.glsmon.simulator.FaultSettings;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.common.config.Durations;
import dev.glsmon.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code glsmon-simulator}: runs the GameLift Streams API emulator until stopped (SIGTERM, Ctrl-C). */
@Command(
        name = "glsmon-simulator",
        mixinStandardHelpOptions = true,
        versionProvider = SimulatorCommand.Version.class,
        description = "Amazon GameLift Streams API emulator: REST-JSON endpoint for the AWS SDK, deterministic"
                + " stream session simulation on virtual time, fault injection and a ground-truth log.",
        footer = {
            "",
            "Every option falls back to an environment variable: GLSMON_ and the option name in upper snake"
                    + " case, e.g. --time-scale -> GLSMON_TIME_SCALE. The command line wins over the environment.",
            "Admin endpoint (unsigned): GET|PUT|DELETE /_glsmon/faults, GET|DELETE /_glsmon/requests,"
                    + " GET /_glsmon/state, GET /_glsmon/healthz."
        },
        sortOptions = false)
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8443", description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--scenario", defaultValue = "demo",
            description = "Built-in scenario (demo, empty) or a .json/.yaml scenario file. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--time-scale", defaultValue = "1",
            description = "Virtual seconds per wall second (60: an hour a minute). Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--start-time", description = "Virtual time at start, ISO-8601 (2026-01-01T00:00:00Z). Default: now.")
    String startTime;

    @Option(names = "--retention",
            description = "How long ended sessions stay listed (PT10M, 90s, 5m). Default: the scenario's.")
    String retention;

    @Option(names = "--truth-log", description = "Append the ground truth as JSON lines to this file (truncated at start).")
    Path truthLog;

    @Option(names = "--truth-capacity", defaultValue = "1000000",
            description = "Truth events kept in memory. Default: ${DEFAULT-VALUE}.")
    int truthCapacity;

    @Option(names = "--request-log-capacity", defaultValue = "10000",
            description = "API request records kept in memory; 0 keeps counters only. Default: ${DEFAULT-VALUE}.")
    int requestLogCapacity;

    @Option(names = "--region", defaultValue = "us-west-2", description = "Region in ARNs. Default: ${DEFAULT-VALUE}.")
    String region;

    @Option(names = "--account-id", defaultValue = "111122223333", description = "Account in ARNs. Default: ${DEFAULT-VALUE}.")
    String accountId;

    @Option(names = "--threads", defaultValue = "8", description = "HTTP worker threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--populate", defaultValue = "0",
            description = "Bulk-create this many static live sessions at start (benchmarks). Default: ${DEFAULT-VALUE}.")
    int populate;

    @Option(names = "--populate-groups", defaultValue = "200",
            description = "Stream groups the --populate sessions are spread over. Default: ${DEFAULT-VALUE}.")
    int populateGroups;

    @Option(names = "--enforce-rate-limits", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Answer ThrottlingException above the service's rate limits (20/s per session operation,"
                    + " 10/s for stream groups). Default: ${DEFAULT-VALUE}.")
    boolean enforceRateLimits;

    @Option(names = "--faults-file",
            description = "Fault settings as JSON (the format of GET /_glsmon/faults); the options below override its default.")
    Path faultsFile;

    @Option(names = "--throttle-probability", description = "Chance of ThrottlingException (429) per request, every operation.")
    Double throttleProbability;

    @Option(names = "--server-error-probability",
            description = "Chance of InternalServerException (500) per request, every operation.")
    Double serverErrorProbability;

    @Option(names = "--latency-ms", description = "Latency added to every request, in milliseconds.")
    Long latencyMs;

    @Option(names = "--fail-page", description = "Listing page number (1 = first) that always answers 500.")
    Integer failPage;

    @Option(names = "--malformed-probability",
            description = "Chance that a successful body is damaged (truncated, extra fields, missing fields).")
    Double malformedProbability;

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile URI endpoint;

    /** A command line whose options fall back to {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(new SimulatorCommand(), environment);
    }

    static CommandLine commandLine(SimulatorCommand command, Map<String, String> environment) {
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        // one line that names the option, instead of the whole usage text after it
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().getErr().println("Run glsmon-simulator --help for the options.");
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        Simulator.Builder builder = configure();
        Logger log = LoggerFactory.getLogger(SimulatorCommand.class);
        Thread hook = new Thread(this::stopAndWait, "glsmon-sim-shutdown");
        try (Simulator simulator = builder.build()) {
            simulator.start();
            if (populate > 0) {
                simulator.control().populate(populate, populateGroups);
            }
            endpoint = simulator.endpoint();
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            out.println("glsmon simulator listening on " + endpoint);
            out.flush();
            started.countDown();
            stopRequested.await();
            log.info("stopping");
        } finally {
            started.countDown();
            stopped.countDown();
            removeHook(hook);
        }
        return 0;
    }

    /** Asks a running command to stop; {@link #call()} then closes the simulator and returns 0. */
    void stop() {
        stopRequested.countDown();
    }

    /** Waits until the simulator listens (or failed to start); its endpoint, or null. */
    URI awaitStarted(Duration timeout) throws InterruptedException {
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return endpoint;
    }

    private void stopAndWait() {
        stop();
        try {
            stopped.await(10, TimeUnit.SECONDS); // let call() close the simulator and flush the truth log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks every option and builds the simulator's settings; a bad value names its option. */
    Simulator.Builder configure() {
        check(port >= 0 && port <= 65_535, "--port", "must be within 0..65535", port);
        check(timeScale > 0 && !Double.isInfinite(timeScale), "--time-scale", "must be a positive number", timeScale);
        check(accountId.matches("\\d{12}"), "--account-id", "must be 12 digits", accountId);
        check(region.matches("[a-z]{2}(-[a-z]+)+-\\d"), "--region", "must look like us-west-2", region);
        check(truthCapacity >= 0, "--truth-capacity", "must be >= 0", truthCapacity);
        check(requestLogCapacity >= 0, "--request-log-capacity", "must be >= 0", requestLogCapacity);
        check(threads >= 1, "--threads", "must be >= 1", threads);
        check(populate >= 0, "--populate", "must be >= 0", populate);
        check(populateGroups >= 1, "--populate-groups", "must be >= 1", populateGroups);

        Simulator.Builder builder = Simulator.builder()
                .scenario(scenario())
                .seed(seed)
                .bindAddress(bind)
                .port(port)
                .region(region)
                .accountId(accountId)
                .truthLogFile(truthLog)
                .truthCapacity(truthCapacity)
                .requestLogCapacity(requestLogCapacity)
                .serverThreads(threads)
                .faults(faults());
        if (startTime != null) {
            Instant start;
            try {
                start = Instant.parse(startTime);
            } catch (DateTimeParseException e) {
                throw bad("--start-time", "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z", startTime);
            }
            builder.clock(new dev.glsmon.simulator.ScaledClock(start, timeScale));
        } else {
            builder.timeScale(timeScale);
        }
        return builder;
    }

    private Scenario scenario() {
        Scenario loaded;
        try {
            loaded = Scenario.load(scenario);
        } catch (RuntimeException e) {
            throw bad("--scenario", e.getMessage(), scenario);
        }
        if (retention != null) {
            try {
                Duration value = Durations.parse(retention);
                check(!value.isNegative(), "--retention", "must not be negative", retention);
                loaded = loaded.withRetention(value);
            } catch (IllegalArgumentException e) {
                throw bad("--retention", e.getMessage(), retention);
            }
        }
        return loaded;
    }

    private FaultSettings faults() {
        FaultSettings base = FaultSettings.NONE;
        if (faultsFile != null) {
            try {
                base = FaultSettings.parse(Files.readString(faultsFile, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw bad("--faults-file", e.getMessage(), faultsFile);
            }
        }
        OperationFaults d = base.defaults();
        try {
            if (throttleProbability != null) {
                d = d.withThrottleProbability(throttleProbability);
            }
            if (serverErrorProbability != null) {
                d = d.withServerErrorProbability(serverErrorProbability);
            }
            if (latencyMs != null) {
                d = d.withLatencyMillis(latencyMs);
            }
            if (failPage != null) {
                d = d.withFailPage(failPage);
            }
            if (malformedProbability != null) {
                d = d.withMalformed(malformedProbability);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid fault option: " + e.getMessage()
                    + " (--throttle-probability, --server-error-probability and --malformed-probability take 0..1;"
                    + " --latency-ms and --fail-page take >= 0)");
        }
        return base.withDefaults(d).withEnforceRateLimits(enforceRateLimits || base.enforceRateLimits());
    }

    private void check(boolean ok, String option, String rule, Object value) {
        if (!ok) {
            throw bad(option, rule, value);
        }
    }

    private ParameterException bad(String option, String rule, Object value) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + rule + " (was '" + value + "')");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is what is stopping us
        }
    }

    /** Version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Simulator.class.getPackage().getImplementationVersion();
            return new String[] {"glsmon-simulator " + (version == null ? "(development build)" : version)};
        }
    }
}
