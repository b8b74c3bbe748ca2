package dev.glsmon.proof;

import dev.glsmon.broker.ChildJvm;
import dev.glsmon.broker.EmbeddedKafkaBroker;
import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.local.TopicReader;
import dev.glsmon.local.TruthComparison;
import dev.glsmon.poller.PollerCommand;
import dev.glsmon.processor.ProcessorMain;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault-injection run: the simulator (its truth log is the ground truth), the real poller and
 * processor as child JVMs on the faulted broker, and the uninterrupted {@link ReferencePipeline}
 * polling a twin simulator (same scenario, seed and clock: the same sessions, and faults set on one
 * never reach the other) on a broker of its own. The simulator runs on the wall clock (time scale
 * 1), because the child poller stamps cycles and observations with the wall clock; the scenario's
 * lifecycle is fast instead (sessions last seconds, not minutes).
 */
final class FaultRun implements AutoCloseable {

    static final int PARTITIONS = 3;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final int PAGE_SIZE = 50; // two or three pages per stream group
    static final String[] STREAM_GROUPS = {"sg-FLT0racer", "sg-FLT0puzzl"};
    static final String ACCESS_KEY = "AKIDGLSMONPROOF";
    /** Exports run on a sample, so that a poller kill is also judged for export commands executed twice. */
    static final String EXPORT_PREFIX = "s3://glsmon-proof-exports/";
    static final String SECRET_KEY = "glsmon-proof-not-a-secret";
    private static final long SEED = 7;
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
    /** Child JVMs start often and run briefly: C1 only and the serial collector start them faster on 2 cores. */
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String name;
    private final Path dir;
    private final KafkaBroker broker;
    private final EmbeddedKafkaBroker referenceBroker;
    private final Topics topics;
    private final String applicationId;
    private final List<String> pollerOptions;
    /** The processor issues SAMPLE exports and the poller executes them. */
    private final boolean exports;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Simulator simulator;
    private Simulator twin;
    private ReferencePipeline reference;
    private ChildJvm poller;
    private ChildJvm processor;
    private int pollerHttpPort;
    private int processorHttpPort;
    private Instant firstPoll;
    private Instant pollerDownSince;
    private final List<TruthComparison.Period> blind = new ArrayList<>();
    private int pollerStarts;
    private int processorStarts;

    private FaultRun(String name, Path dir, KafkaBroker broker, EmbeddedKafkaBroker referenceBroker,
            List<String> pollerOptions, boolean exports) {
        this.name = name;
        this.dir = dir;
        this.broker = broker;
        this.referenceBroker = referenceBroker;
        this.topics = Topics.of(name + ".", PARTITIONS);
        this.applicationId = "glsmon-" + name;
        this.pollerOptions = List.copyOf(pollerOptions);
        this.exports = exports;
    }

    /**
     * Starts a run in an empty {@code target/fault-runs/<name>}: a processor state directory left by
     * an earlier build would hold that build's sessions (same seed, same ids) and vanish them.
     */
    static FaultRun startFresh(String name, KafkaBroker broker, EmbeddedKafkaBroker referenceBroker,
            List<String> pollerOptions) throws Exception {
        return start(name, broker, referenceBroker, emptyDirectory(name), pollerOptions, false);
    }

    /** {@link #startFresh}, with a 30% SAMPLE export rule in the processor and the executor in the poller. */
    static FaultRun startFreshWithExports(String name, KafkaBroker broker, EmbeddedKafkaBroker referenceBroker)
            throws Exception {
        return start(name, broker, referenceBroker, emptyDirectory(name), List.of(), true);
    }

    /** {@code target/fault-runs/<name>}, emptied of whatever an earlier build left there. */
    static Path emptyDirectory(String name) throws IOException {
        Path dir = Path.of("target", "fault-runs", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * Starts the simulators, the reference and the child processor and poller, and returns once the
     * child processor has committed input.
     */
    static FaultRun start(String name, KafkaBroker broker, EmbeddedKafkaBroker referenceBroker, Path dir,
            List<String> pollerOptions, boolean exports) throws Exception {
        FaultRun run = new FaultRun(name, dir, broker, referenceBroker, pollerOptions, exports);
        try {
            run.startParts();
        } catch (Exception e) {
            try {
                run.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return run;
    }

    private void startParts() throws Exception {
        Scenario scenario = scenario();
        Clock clock = Clock.systemUTC();
        simulator = Simulator.builder().scenario(scenario).seed(SEED).clock(clock).port(0)
                .truthLogFile(dir.resolve("truth.jsonl")).requestLogCapacity(0).build().start();
        resources.add(simulator);
        twin = Simulator.builder().scenario(scenario).seed(SEED).clock(clock).port(0)
                .requestLogCapacity(0).build().start();
        resources.add(twin);
        reference = ReferencePipeline.start(referenceBroker.bootstrapServers(), "ref-" + name + ".", twin,
                dir.resolve("reference-state"));
        resources.add(reference);
        pollerHttpPort = freePort();
        processorHttpPort = freePort();
        startProcessor();
        startPoller();
        awaitProcessing();
    }

    private static Scenario scenario() {
        try (InputStream in = FaultRun.class.getResourceAsStream("/fault-scenario.json")) {
            return Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> processorSettings(String bootstrapServers, String applicationId, String prefix,
            Path stateDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap-servers", bootstrapServers);
        settings.put("application-id", applicationId);
        settings.put("topic-prefix", prefix);
        settings.put("partitions", Integer.toString(PARTITIONS));
        settings.put("state-dir", stateDir.toString());
        settings.put("http-bind", "127.0.0.1");
        settings.put("http-port", "0");
        return settings;
    }

    Simulator simulator() {
        return simulator;
    }

    String applicationId() {
        return applicationId;
    }

    Topics topics() {
        return topics;
    }

    /**
     * Starts watching the faulted pipeline's output, poller cycles and Kafka Streams state from
     * outside (closed with the run).
     */
    ProgressWatch watch() {
        ProgressWatch watch = ProgressWatch.start(broker.bootstrapServers(), topics.sessionTransitions().name(), this,
                URI.create("http://127.0.0.1:" + processorHttpPort + "/readyz"));
        resources.add(watch);
        return watch;
    }

    void startProcessor() {
        List<String> args = new ArrayList<>();
        Map<String, String> settings = processorSettings(broker.bootstrapServers(), applicationId, topics.prefix(),
                dir.resolve("processor-state"));
        settings.put("http-port", Integer.toString(processorHttpPort)); // the same across restarts: watched from outside
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        if (exports) {
            args.add("--export-output-uri=" + EXPORT_PREFIX);
            args.add("--export-allowed-prefixes=" + EXPORT_PREFIX);
            args.add("--export-sample-rate=0.3");
        }
        args.add("--kafka-property=commit.interval.ms=100");
        // static membership: a restarted instance takes its partitions back without waiting out a session
        args.add("--kafka-property=group.instance.id=" + applicationId + "-1");
        args.add("--kafka-property=session.timeout.ms=10000");
        processorStarts++;
        processor = ChildJvm.start(name + " processor", jvmOptions("-Xmx256m"), ProcessorMain.class.getName(), args,
                dir.resolve("processor-" + processorStarts + ".log"));
        resources.add(processor);
    }

    /**
     * Starts the child poller and waits until it serves its metrics. Its first start is the run's
     * first poll; a restart ends the time the poller was down, which is judged as a blind period.
     */
    void startPoller() throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers=" + broker.bootstrapServers(),
                "--topic-prefix=" + topics.prefix(),
                "--partitions=" + PARTITIONS,
                "--region=" + simulator.region(),
                "--endpoint-url=" + simulator.endpoint(),
                "--stream-groups=" + String.join(",", STREAM_GROUPS),
                "--coordination=none",
                "--poll-interval=" + POLL_INTERVAL.toMillis() + "ms",
                "--page-size=" + PAGE_SIZE,
                exports ? "--export-allowed-prefixes=" + EXPORT_PREFIX : "--export-executor=false",
                "--http-bind=127.0.0.1",
                "--http-port=" + pollerHttpPort));
        if (exports) {
            // a restarted executor gets its partitions only once the killed one's group membership has
            // timed out (45 s by default, longer than the run after a restart)
            args.add("--kafka-property=consumer.session.timeout.ms=6000");
        }
        args.addAll(pollerOptions);
        pollerStarts++;
        // the simulator checks that requests are signed, not with which key
        poller = ChildJvm.start(name + " poller",
                jvmOptions("-Xmx192m", "-Daws.accessKeyId=" + ACCESS_KEY, "-Daws.secretAccessKey=" + SECRET_KEY),
                PollerCommand.class.getName(), args, dir.resolve("poller-" + pollerStarts + ".log"));
        resources.add(poller);
        await(name + ": the poller to serve its metrics", CATCH_UP, () -> {
            requireAlive(poller);
            try {
                pollerMetrics();
                return true;
            } catch (IOException e) {
                return false; // not serving yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        Instant up = Instant.now();
        if (firstPoll == null) {
            firstPoll = up;
        }
        if (pollerDownSince != null) {
            blind.add(new TruthComparison.Period(pollerDownSince, up));
            pollerDownSince = null;
        }
    }

    /**
     * The test made the poller blind from {@code from} until {@code until} (cut off its broker,
     * failed its pages): judged as the end of one run and the start of the next.
     */
    void blind(Instant from, Instant until) {
        blind.add(new TruthComparison.Period(from, until));
    }

    private static List<String> jvmOptions(String... options) {
        List<String> all = new ArrayList<>(FAST_START);
        all.addAll(List.of(options));
        return all;
    }

    void killProcessor() throws InterruptedException {
        processor.kill();
    }

    void killPoller() throws InterruptedException {
        pollerDownSince = Instant.now();
        poller.kill();
    }

    boolean pollerAlive() {
        return poller.isAlive();
    }

    boolean processorAlive() {
        return processor.isAlive();
    }

    int pollerStarts() {
        return pollerStarts;
    }

    int processorStarts() {
        return processorStarts;
    }

    /** Waits until the child processor commits input beyond what it had committed when called. */
    void awaitProcessing() throws InterruptedException {
        awaitProcessingBeyond(committedInput());
    }

    /** Waits until the child processor's committed input offsets (summed) exceed {@code committed}. */
    void awaitProcessingBeyond(long committed) throws InterruptedException {
        await(name + ": the processor to commit input beyond " + committed, CATCH_UP, () -> {
            requireAlive(processor);
            requireAlive(poller);
            return committedInput() > committed;
        });
    }

    private void requireAlive(ChildJvm child) {
        if (!child.isAlive()) {
            throw new AssertionError(name + ": a child JVM (pid " + child.pid() + ") exited by itself; logs in " + dir);
        }
    }

    /**
     * Waits until the running child poller has completed this many group cycles. A poller's first
     * cycle looks up every session already ended (seconds at the Get rate limit), so a fixed pause
     * says nothing about how much it has done.
     */
    void awaitPollerCycles(int completeGroupCycles) throws InterruptedException {
        await(name + ": the poller to complete " + completeGroupCycles + " group cycles", CATCH_UP, () -> {
            requireAlive(poller);
            try {
                return completeGroupCycles(pollerMetrics()) >= completeGroupCycles;
            } catch (IOException e) {
                return false; // not serving yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /**
     * The GetStreamSession calls each cycle of one poller start asked for, in order, from the
     * cycle lines of its log ({@code CycleReport}: "... N get calls ...").
     */
    List<Integer> cycleGets(int pollerStart) throws IOException {
        Pattern gets = Pattern.compile(" cycle: .*, (\\d+) get calls,");
        List<Integer> perCycle = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("poller-" + pollerStart + ".log"))) {
            Matcher m = gets.matcher(line);
            if (m.find()) {
                perCycle.add(Integer.parseInt(m.group(1)));
            }
        }
        return perCycle;
    }

    /** Sum of glsmon_poller_cycles_total{outcome="complete"} in a /metrics text. */
    static double completeGroupCycles(String metrics) {
        return sum(metrics, "glsmon_poller_cycles_total", "outcome=\"complete\"");
    }

    /** Sum of a series over its labelled lines in a /metrics text, those containing {@code label} ("": all). */
    static double sum(String metrics, String series, String label) {
        return metrics.lines()
                .filter(line -> line.startsWith(series + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /**
     * Waits until the running child poller's executor has executed this many export commands (its
     * glsmon_export_results_total, counted from its start).
     */
    void awaitPollerExports(int commands) throws InterruptedException {
        await(name + ": the poller to execute " + commands + " export commands", CATCH_UP, () -> {
            requireAlive(poller);
            try {
                return sum(pollerMetrics(), "glsmon_export_results_total", "") >= commands;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** What the child poller serves on /metrics now. */
    String pollerMetrics() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pollerHttpPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The faulted pipeline's export results of one stage (EXECUTED by the poller, FINAL by the processor). */
    List<ExportResult> exportResults(String stage) {
        return TopicReader.exportResults(broker.bootstrapServers(), topics.exportResults().name()).stream()
                .filter(r -> r.getStage().equals(stage)).toList();
    }

    /** The export commands the faulted pipeline's processor committed. */
    List<ExportCommand> exportCommands() {
        return TopicReader.stampedExportCommands(broker.bootstrapServers(), topics.exportCommands().name()).stream()
                .map(TopicReader.Stamped::value).toList();
    }

    /**
     * Ends the run: stops both pollers at the same moment, lets both processors drain their input,
     * and judges what the faulted pipeline committed against the truth at the configured poll
     * interval, the reference's output counted beside it.
     */
    FaultFigures finish() throws Exception {
        Instant end = Instant.now();
        poller.kill();
        reference.stopPolling();
        simulator.close(); // flushes the truth log
        twin.close();
        awaitCaughtUp(broker.bootstrapServers(), topics, applicationId);
        awaitCaughtUp(referenceBroker.bootstrapServers(), Topics.of("ref-" + name + ".", PARTITIONS),
                reference.processorConfig().applicationId());
        Topics referenceTopics = reference.processorConfig().topics();
        String bootstrap = broker.bootstrapServers();
        String referenceBootstrap = referenceBroker.bootstrapServers();
        FaultFigures figures = FaultFigures.compare(name,
                TruthComparison.fromJsonl(dir.resolve("truth.jsonl"), end),
                new FaultFigures.Output(
                        TopicReader.transitions(bootstrap, topics.sessionTransitions().name()),
                        observedTerminations(bootstrap, topics.sessionTerminations().name()),
                        TopicReader.cycleMarkers(bootstrap, topics.pollCycles().name())),
                new FaultFigures.Output(
                        TopicReader.transitions(referenceBootstrap, referenceTopics.sessionTransitions().name()),
                        observedTerminations(referenceBootstrap, referenceTopics.sessionTerminations().name()),
                        List.of()),
                TruthComparison.Judging.of(POLL_INTERVAL, firstPoll, end).withBlindPeriods(blind));
        System.out.println(figures);
        figures.examples().forEach(example -> System.out.println("  e.g. " + example));
        return figures;
    }

    /** Terminations observed when their record says: the simulator runs on the wall clock here. */
    private static List<TruthComparison.ObservedTermination> observedTerminations(String bootstrap, String topic) {
        return TopicReader.stampedTerminations(bootstrap, topic).stream()
                .map(t -> new TruthComparison.ObservedTermination(t.value(), t.timestamp())).toList();
    }

    /** The child processor's committed input offsets, summed; 0 while it has none or the broker is away. */
    long committedInput() {
        try (Admin admin = admin(broker.bootstrapServers())) {
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            return 0; // no group yet, or the broker is down: not processing
        }
    }

    /** The processor's group has committed every input record there is (and so has committed its output). */
    private static void awaitCaughtUp(String bootstrap, Topics topics, String groupId) throws InterruptedException {
        Set<String> inputs = Set.of(topics.sessionSnapshots().name(), topics.pollCycles().name());
        await(groupId + " to catch up", CATCH_UP, () -> {
            try (Admin admin = admin(bootstrap)) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                for (String topic : inputs) {
                    for (int p = 0; p < PARTITIONS; p++) {
                        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                    }
                }
                return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(e ->
                        e.getValue().offset() == 0 || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            } catch (Exception e) {
                LOG.info("{}: not caught up yet ({})", groupId, e.toString());
                return false;
            }
        });
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Lets time pass: the pipeline runs by itself, the test only waits. */
    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops everything this run started, the child JVMs first; keeps the logs in the run's directory. */
    @Override
    public void close() {
        IllegalStateException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = new IllegalStateException(name + ": cannot stop everything the run started", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        LOG.info("{}: logs and truth log in {}", name, dir);
    }
}
