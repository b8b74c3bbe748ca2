package dev.glsmon.local;

import dev.glsmon.common.Metrics;
import dev.glsmon.common.OpsHttpServer;
import dev.glsmon.poller.PollerApp;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.processor.ProcessorApp;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.schemas.Topics;
import dev.glsmon.simulator.ScaledClock;
import dev.glsmon.simulator.Simulator;
import dev.glsmon.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Every part of glsmon on one machine: the broker in a child JVM, the simulator (unless pointed at
 * real AWS), the processor and the poller in this JVM, each serving its own /metrics. Started in
 * dependency order, stopped in reverse.
 */
final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    static final String DEMO_EXPORT_PREFIX = "s3://glsmon-local-exports/";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final LocalStackOptions options;
    private BrokerProcess broker;
    private Simulator simulator;
    private ProcessorApp processor;
    private PollerApp poller;
    private OpsHttpServer pollerHttp;
    private Metrics processorMetrics;
    private Metrics pollerMetrics;
    private final Instant startedAt = Instant.now();

    private LocalStack(LocalStackOptions options) {
        this.options = options;
    }

    static LocalStack start(LocalStackOptions options) throws InterruptedException {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startParts();
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startParts() throws InterruptedException {
        Path dataDir = options.dataDir().toAbsolutePath();
        createDirectories(dataDir);
        int run = RunCounter.next(dataDir);

        broker = BrokerProcess.start(options.kafkaPort(), dataDir.resolve("kafka"), Duration.ofSeconds(90));
        started.push(broker);

        Clock clock = Clock.systemUTC();
        if (!options.aws()) {
            // a restarted simulator is a new service: a fresh seed per run keeps its session ids apart
            // from those the processor remembers from the previous run, which then vanish as they would.
            long seed = options.seed() + run - 1;
            clock = new ScaledClock(Instant.now(), options.timeScale());
            simulator = Simulator.builder()
                    .scenario(withListedLongEnough(Scenario.load(options.scenario())))
                    .seed(seed)
                    .clock(clock)
                    .port(options.simulatorPort())
                    .truthLogFile(dataDir.resolve("truth-run" + run + ".jsonl"))
                    .requestLogCapacity(0)
                    .build()
                    .start();
            started.push(simulator);
        }

        processorMetrics = Metrics.create("processor");
        started.push(processorMetrics);
        processor = ProcessorApp.start(ProcessorConfig.from(processorSettings(dataDir)), new Properties(),
                processorMetrics.registry());
        started.push(processor);

        pollerMetrics = Metrics.create("poller");
        started.push(pollerMetrics);
        PollerConfig pollerConfig = pollerConfig();
        poller = PollerApp.builder(pollerConfig)
                .meterRegistry(pollerMetrics.registry())
                .credentialsProvider(credentials())
                .clock(clock)
                .start();
        started.push(poller);
        pollerHttp = OpsHttpServer.start(options.httpBind(), options.pollerHttpPort(), pollerMetrics.registry(),
                poller::isLive, poller::isReady);
        started.push(pollerHttp);
        LOG.info("glsmon local stack started (run {})", run);
    }

    /**
     * Ended sessions must stay listed for several poll cycles, or the poller only learns of them as
     * gone (VANISHED, reason unknown). At a high time scale a scenario's retention can be shorter
     * than a few wall-clock polls, so stretch it to at least ten poll intervals of virtual time.
     */
    private Scenario withListedLongEnough(Scenario scenario) {
        Duration tenPolls = Duration.ofMillis((long) (options.pollInterval().toMillis() * options.timeScale() * 10));
        return scenario.retention().compareTo(tenPolls) >= 0 ? scenario : scenario.withRetention(tenPolls);
    }

    private Map<String, String> processorSettings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap-servers", broker.bootstrapServers());
        settings.put("state-dir", dataDir.resolve("processor-state").toString());
        settings.put("http-bind", options.httpBind());
        settings.put("http-port", Integer.toString(options.processorHttpPort()));
        if (!options.aws()) {
            // the demo shows the export rules at work; against real AWS they stay opt-in
            settings.put("export-output-uri", DEMO_EXPORT_PREFIX + "{rule}/");
            settings.put("export-allowed-prefixes", DEMO_EXPORT_PREFIX);
            settings.put("export-client-disconnect", "true");
            settings.put("export-error-rate", "true");
        }
        settings.putAll(options.processorOverrides());
        return settings;
    }

    private PollerConfig pollerConfig() {
        PollerConfig.Builder config = PollerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .pollInterval(options.pollInterval())
                .httpPort(options.pollerHttpPort())
                .httpBindAddress(options.httpBind());
        if (options.aws()) {
            config.region(options.region());
            if (options.streamGroups().isEmpty()) {
                config.discover(true);
            } else {
                config.streamGroups(options.streamGroups());
            }
        } else {
            config.region(simulator.region())
                    .endpointUrl(simulator.endpoint().toString())
                    .discover(true)
                    .discoveryInterval(Duration.ofSeconds(30))
                    // wall-clock intervals on a scaled simulator: 30 s would be 30 virtual minutes at x60,
                    // longer than the demo's capacity incident
                    .streamGroupInterval(options.pollInterval())
                    .exportAllowedPrefixes(List.of(DEMO_EXPORT_PREFIX));
        }
        return config.build();
    }

    private AwsCredentialsProvider credentials() {
        if (options.aws()) {
            return DefaultCredentialsProvider.builder().build();
        }
        // the simulator checks that requests are signed, not with which key
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDGLSMONLOCAL", "glsmon-local-not-a-secret"));
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /** What the launcher prints once everything runs. */
    String banner() {
        StringBuilder text = new StringBuilder();
        text.append("glsmon local stack is running\n");
        text.append("  Kafka           ").append(broker.bootstrapServers()).append("  (broker pid ").append(broker.pid()).append(")\n");
        if (simulator != null) {
            text.append("  simulator       ").append(simulator.endpoint()).append("  scenario ").append(options.scenario())
                    .append(", time x").append(options.timeScale()).append('\n');
        }
        text.append("  poller          ").append(pollerHttp.baseUri()).append("/metrics  /healthz  /readyz\n");
        URI processorUri = processor.httpUri();
        text.append("  processor       ").append(processorUri).append("/metrics  /healthz  /readyz\n");
        text.append("  query API       ").append(processorUri).append("/sessions?status=CONNECTED  ")
                .append(processorUri).append("/locations\n");
        text.append("  topics          ");
        Topics.defaults().all().forEach(topic -> text.append(topic.name()).append(' '));
        text.append("\n  read a topic    java -jar deploy/local/target/glsmon-local.jar tail session-transitions\n");
        text.append("  data            ").append(options.dataDir().toAbsolutePath()).append("  (logs: glsmon-local.log)\n");
        return text.toString();
    }

    Summary summary(SummaryReader reader) {
        return reader.read(Duration.between(startedAt, Instant.now()),
                simulator == null ? "-" : simulator.clock().instant().toString(),
                processorMetrics.registry(), pollerMetrics.registry());
    }

    ProcessorApp processor() {
        return processor;
    }

    Simulator simulator() {
        return simulator;
    }

    /** The poller's /metrics, /healthz, /readyz server (its port may have been chosen at start). */
    URI pollerHttpUri() {
        return pollerHttp.baseUri();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    boolean brokerAlive() {
        return broker != null && broker.isAlive();
    }

    /** Poller first (nothing new enters), then processor, simulator, broker. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }
}
