package dev.glsmon.local;

import dev.glsmon.common.config.Durations;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar glsmon-local.jar}: the one-command local stack, and {@code tail} to read any
 * glsmon topic as JSON lines.
 */
@Command(name = "glsmon-local", mixinStandardHelpOptions = true,
        subcommands = {TailCommand.class},
        description = {"Runs glsmon on this machine: an embedded Kafka broker (child JVM), the GameLift Streams simulator,",
                "the processor and the poller. Ctrl-C stops every part in order; data stays in --data-dir.",
                "Every option falls back to the environment variable GLSMON_<OPTION> (upper snake case)."})
public final class LocalStackMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackMain.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:GLSMON_DATA_DIR:-.glsmon}",
            description = "Kafka data, processor state, truth logs and logs; kept across runs. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--time-scale", defaultValue = "${env:GLSMON_TIME_SCALE:-60}",
            description = "Simulated seconds per wall-clock second. Default: ${DEFAULT-VALUE}")
    double timeScale;

    @Option(names = "--duration", defaultValue = "${env:GLSMON_DURATION:-0s}",
            description = "Stop by itself after this long (e.g. 90s, 10m); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--scenario", defaultValue = "${env:GLSMON_SCENARIO:-demo}",
            description = "Built-in scenario name (demo) or a scenario FILE. Default: ${DEFAULT-VALUE}")
    String scenario;

    @Option(names = "--seed", defaultValue = "${env:GLSMON_SEED:-42}", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--poll-interval", defaultValue = "${env:GLSMON_POLL_INTERVAL:-2s}",
            description = "Wall-clock time between poll cycles. Default: ${DEFAULT-VALUE}")
    String pollInterval;

    @Option(names = "--kafka-port", defaultValue = "${env:GLSMON_KAFKA_PORT:-9092}", description = "Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(names = "--simulator-port", defaultValue = "${env:GLSMON_SIMULATOR_PORT:-8443}", description = "Default: ${DEFAULT-VALUE}")
    int simulatorPort;

    @Option(names = "--poller-http-port", defaultValue = "${env:GLSMON_POLLER_HTTP_PORT:-9401}", description = "Default: ${DEFAULT-VALUE}")
    int pollerHttpPort;

    @Option(names = "--processor-http-port", defaultValue = "${env:GLSMON_PROCESSOR_HTTP_PORT:-9402}", description = "Default: ${DEFAULT-VALUE}")
    int processorHttpPort;

    @Option(names = "--http-bind", defaultValue = "${env:GLSMON_HTTP_BIND:-127.0.0.1}",
            description = "Address the poller's and processor's HTTP servers listen on. Default: ${DEFAULT-VALUE}")
    String httpBind;

    @Option(names = "--quiet", defaultValue = "${env:GLSMON_QUIET:-false}",
            description = "No live summary (it is also off when standard output is not a terminal)")
    boolean quiet;

    @Option(names = "--summary-interval", defaultValue = "${env:GLSMON_SUMMARY_INTERVAL:-3s}", description = "Default: ${DEFAULT-VALUE}")
    String summaryInterval;

    @Option(names = "--aws", defaultValue = "${env:GLSMON_AWS:-false}",
            description = "Poll real AWS GameLift Streams instead of the simulator (credentials from the AWS default chain)")
    boolean aws;

    @Option(names = "--region", defaultValue = "${env:GLSMON_REGION}", description = "AWS Region, with --aws")
    String region;

    @Option(names = "--stream-groups", split = ",", defaultValue = "${env:GLSMON_STREAM_GROUPS}",
            description = "Stream group ids to poll, with --aws (default: discover them)")
    List<String> streamGroups;

    static {
        // The JDK HTTP server answers ~45 ms late without TCP_NODELAY; it reads this once, at the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    LocalStackOptions options() {
        Duration stopAfter = parseDuration("--duration", duration);
        Duration poll = parseDuration("--poll-interval", pollInterval);
        if (poll.isZero()) {
            throw bad("--poll-interval must be positive, was " + pollInterval);
        }
        if (!(timeScale > 0) || timeScale > 10_000) {
            throw bad("--time-scale must be > 0 and <= 10000, was " + timeScale);
        }
        for (var port : List.of(new Object[] {"--kafka-port", kafkaPort}, new Object[] {"--simulator-port", simulatorPort},
                new Object[] {"--poller-http-port", pollerHttpPort}, new Object[] {"--processor-http-port", processorHttpPort})) {
            int value = (int) port[1];
            if (value < 0 || value > 65535) {
                throw bad(port[0] + " must be 0..65535, was " + value);
            }
        }
        if (aws && (region == null || region.isBlank())) {
            throw bad("--aws needs --region (or GLSMON_REGION)");
        }
        return new LocalStackOptions(dataDir, timeScale, stopAfter, scenario, seed, poll, kafkaPort, simulatorPort,
                pollerHttpPort, processorHttpPort, httpBind, aws, region,
                streamGroups == null ? List.of() : List.copyOf(streamGroups));
    }

    private Duration parseDuration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        LocalStackOptions options = options();
        System.setProperty("glsmon.log.file", options.dataDir().resolve("glsmon-local.log").toString());
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("glsmon-local could not start: " + e.getMessage());
            LOG.error("start-up failed", e);
            return 1;
        }
        Thread hook = new Thread(() -> {
            stop.countDown();
            stack.close();
        }, "glsmon-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(stack.banner());
        out.flush();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glsmon-local-summary");
            t.setDaemon(true);
            return t;
        });
        Console console = System.console();
        SummaryReader reader = new SummaryReader();
        if (!quiet && console != null) {
            long every = parseDuration("--summary-interval", summaryInterval).toMillis();
            ticker.scheduleAtFixedRate(() -> {
                // clear the screen, then the summary: a live view, not a scrolling log
                out.print("\033[H\033[2J");
                out.println(stack.banner());
                out.println(SummaryRenderer.render(stack.summary(reader)));
                out.flush();
            }, every, every, TimeUnit.MILLISECONDS);
        }
        boolean timedOut = options.duration().isZero()
                ? awaitForever(stop)
                : !stop.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
        ticker.shutdownNow();
        if (timedOut) {
            out.println(SummaryRenderer.render(stack.summary(reader)));
            out.println("--duration " + duration + " reached: stopping");
            out.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            stack.close();
        }
        return 0;
    }

    private static boolean awaitForever(CountDownLatch stop) throws InterruptedException {
        stop.await();
        return false;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStackMain()).execute(args));
    }
}
