package dev.glsmon.poller;

import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.poller.aws.AwsClientFactory;
import dev.glsmon.poller.aws.RateLimits;
import dev.glsmon.poller.cycle.AutoPollInterval;
import dev.glsmon.poller.cycle.CycleCadence;
import dev.glsmon.poller.cycle.CycleListener;
import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.poller.cycle.FastLane;
import dev.glsmon.poller.cycle.FastLaneMetrics;
import dev.glsmon.poller.config.FastLaneMode;
import dev.glsmon.poller.cycle.FastLaneRunner;
import dev.glsmon.poller.cycle.FixedPollInterval;
import dev.glsmon.poller.cycle.PollInterval;
import dev.glsmon.poller.cycle.Poller;
import dev.glsmon.poller.cycle.PollerMetrics;
import dev.glsmon.poller.cycle.PublishedSessions;
import dev.glsmon.poller.export.ExecutedCommands;
import dev.glsmon.poller.export.ExportCommandHandler;
import dev.glsmon.poller.export.ExportExecutor;
import dev.glsmon.common.export.OutputUriPolicy;
import dev.glsmon.poller.export.SdkExportApi;
import dev.glsmon.poller.groups.FixedStreamGroups;
import dev.glsmon.poller.groups.StreamGroupCatalog;
import dev.glsmon.poller.groups.StreamGroupDirectory;
import dev.glsmon.poller.groups.StreamGroupDiscovery;
import dev.glsmon.poller.groups.StreamGroupSource;
import dev.glsmon.poller.kafka.KafkaSettings;
import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.poller.kafka.TopicReader;
import dev.glsmon.poller.streamgroup.StreamGroupWatch;
import dev.glsmon.poller.streamgroup.StreamGroupWatchMetrics;
import dev.glsmon.poller.streamgroup.StreamGroupWatchRunner;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.StreamGroupAssignment;
import dev.glsmon.schemas.TopicInitializer;
import dev.glsmon.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * The poller as a library: the local stack, benchmarks and tests start it in their JVM, the
 * command line ({@link PollerCommand}) adds the HTTP endpoints and signal handling.
 *
 * <pre>{@code
 * try (PollerApp app = PollerApp.start(config, Map.of(), registry)) { ... }
 * // or, driving cycles yourself:
 * PollerApp app = PollerApp.builder(config).scheduled(false).start();
 * CycleReport report = app.poller().pollOnce();
 * }</pre>
 */
public final class PollerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollerApp.class);
    private static final Duration REVOCATION_WAIT = Duration.ofMinutes(2);
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);
    /** The compacted snapshot topic at 100,000 sessions is some hundred MB: minutes at worst. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(5);

    private final PollerConfig config;
    private final String region;
    private final RateLimits limits;
    private final GameLiftStreamsClient client;
    private final RecordPublisher publisher;
    private final KafkaClientMetrics producerMetrics;
    private final StreamGroupSource groups;
    private final StreamGroupDirectory directory;
    private final Poller poller;
    private final ExportExecutor executor;
    private final PollInterval interval;
    /** Null when {@code --fast-lane off}. */
    private final FastLaneRunner fastLane;
    /** Null in account mode (it has no stream groups of its own). */
    private final StreamGroupWatchRunner streamGroupWatch;
    private final ScheduledExecutorService pollScheduler;
    private final ScheduledExecutorService discoveryScheduler;
    private final AtomicBoolean lastCycleFailed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param started every resource is added as it is made, so that a failed start can close them */
    private PollerApp(Builder b, List<AutoCloseable> started) throws InterruptedException {
        this.config = b.config;
        KafkaSettings kafka = new KafkaSettings(config, b.kafkaOverrides);
        Topics topics = config.topics();
        AwsClientFactory factory = new AwsClientFactory(config, b.credentials, b.registry);
        this.region = factory.region().id();
        LOG.info("starting poller: {}", config);
        if (config.createTopics()) {
            try (Admin admin = Admin.create(kafka.admin("admin"))) {
                new TopicInitializer(admin, config.replicationFactor()).ensure(topics.all());
            }
        }
        // the share comes from the stream groups this instance polls, known only further down
        AtomicReference<StreamGroupSource> polled = new AtomicReference<>();
        this.limits = RateLimits.of(config.rateLimits(), () -> budgetShare(polled.get()), config.rateLimitMaxWait());
        this.client = factory.create(limits);
        started.add(client);
        limits.bindTo(b.registry);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer("producer"));
        this.publisher = new RecordPublisher(producer);
        started.add(() -> publisher.close(Duration.ofSeconds(5)));
        this.producerMetrics = new KafkaClientMetrics(producer);
        started.add(producerMetrics);
        producerMetrics.bindTo(b.registry);
        requireCoPartitioned(topics);

        this.interval = config.pollInterval().<PollInterval>map(FixedPollInterval::new)
                .orElseGet(() -> new AutoPollInterval(config.minPollInterval(),
                        () -> limits.currentRate(config.mode().listingOperation())));
        PollerMetrics metrics = new PollerMetrics(b.registry, interval::current);
        AtomicReference<Poller> pollerRef = new AtomicReference<>();
        StreamGroupDiscovery discovery = new StreamGroupDiscovery(client, region, b.clock);
        StreamGroupCatalog catalog = new StreamGroupCatalog(publisher, topics.streamGroups(), kafka.consumer(null, "groups-reader"));
        FixedStreamGroups fixed = null;
        if (config.mode() == Mode.ACCOUNT) {
            this.directory = null;
            this.groups = FixedStreamGroups.of(List.of());
        } else if (config.coordination() == Coordination.NONE) {
            this.directory = null;
            fixed = new FixedStreamGroups(config.streamGroups(), !config.discover());
            this.groups = fixed;
        } else {
            if (!config.discover()) {
                // the configured list is the desired content of the topic, as a discovery result would be
                catalog.sync(config.streamGroups().stream()
                        .map(id -> StreamGroupDiscovery.configured(id, region, b.clock))
                        .toList());
            } else {
                // the first discovery before joining: do not poll groups a stale topic still lists
                discover(discovery, catalog, null);
            }
            this.directory = new StreamGroupDirectory(kafka.consumer(config.groupId(), "groups"), topics.streamGroups(),
                    revoked -> {
                        Poller current = pollerRef.get();
                        if (current != null && !current.awaitIdle(revoked, REVOCATION_WAIT)) {
                            LOG.warn("cycles of revoked groups still running after {}", REVOCATION_WAIT);
                        }
                    });
            this.groups = directory;
        }
        polled.set(groups);
        this.poller = Poller.builder()
                .config(config)
                .client(client)
                .publisher(publisher)
                .streamGroups(groups)
                .metrics(metrics)
                .region(region)
                .clock(b.clock)
                .listener(b.listener)
                .build();
        pollerRef.set(poller);
        started.add(poller);
        this.fastLane = config.fastLane().mode() == FastLaneMode.OFF ? null
                : new FastLaneRunner(poller.fastLane(config.fastLane(),
                        () -> limits.currentRate(ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT),
                        new FastLaneMetrics(b.registry)), groups::isReady);
        if (fastLane != null) {
            started.add(fastLane);
        }
        StreamGroupWatchMetrics watchMetrics = new StreamGroupWatchMetrics(b.registry);
        this.streamGroupWatch = config.mode() == Mode.ACCOUNT ? null
                : new StreamGroupWatchRunner(new StreamGroupWatch(client, publisher, topics.streamGroupSnapshots(), groups,
                        region, config.pollerId(), b.clock, watchMetrics), config.streamGroupInterval(), groups::isReady);
        if (streamGroupWatch != null) {
            started.add(streamGroupWatch);
        }
        poller.restore(readBack(kafka, topics));
        if (directory != null) {
            started.add(directory);
            directory.start();
        }

        if (config.exportExecutor()) {
            ExecutedCommands executed = new ExecutedCommands(config.executedCommandsCapacity());
            SdkExportApi exportApi = new SdkExportApi(client);
            ExportCommandHandler handler = new ExportCommandHandler(exportApi, exportApi::status,
                    OutputUriPolicy.of(config.exportAllowedPrefixes()), executed, b.clock);
            if (config.exportAllowedPrefixes().isEmpty()) {
                LOG.warn("no --export-allowed-prefixes: every export command will be REJECTED");
            }
            this.executor = new ExportExecutor(kafka.consumer(config.exportGroupId(), "export"),
                    kafka.consumer(null, "export-reader"), topics, publisher, handler, executed, b.clock, b.registry);
            started.add(executor);
            executor.start();
        } else {
            this.executor = null;
        }

        ScheduledThreadPoolExecutor cycles = new ScheduledThreadPoolExecutor(1, named("glsmon-poll-scheduler"));
        // a stop must not wait for the next cycle: with an auto interval that may be minutes away
        cycles.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.pollScheduler = cycles;
        this.discoveryScheduler = Executors.newSingleThreadScheduledExecutor(named("glsmon-discovery"));
        started.add(pollScheduler::shutdownNow);
        started.add(discoveryScheduler::shutdownNow);
        if (config.mode() == Mode.GROUP && config.discover()) {
            FixedStreamGroups local = fixed;
            long first = local != null ? 0 : config.discoveryInterval().toMillis();
            discoveryScheduler.scheduleAtFixedRate(() -> discover(discovery, catalog, local), first,
                    config.discoveryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (b.scheduled) {
            scheduleCycle(Duration.ZERO);
            if (fastLane != null) {
                fastLane.start();
            }
            if (streamGroupWatch != null) {
                streamGroupWatch.start();
            }
        }
        LOG.info("poller {} started (Region {})", config.pollerId(), region);
    }

    /** Starts with the default credential chain and the system clock, scheduling cycles at the poll interval. */
    public static PollerApp start(PollerConfig config, Map<String, ?> kafkaOverrides, MeterRegistry registry)
            throws InterruptedException {
        return builder(config).kafkaOverrides(kafkaOverrides).meterRegistry(registry).start();
    }

    public static Builder builder(PollerConfig config) {
        return new Builder(config);
    }

    /** The poller, e.g. to run {@link Poller#pollOnce()} when started with {@code scheduled(false)}. */
    public Poller poller() {
        return poller;
    }

    public PollerConfig config() {
        return config;
    }

    /** The fast lane, unless {@code --fast-lane off}; e.g. to run sweeps when started with {@code scheduled(false)}. */
    public Optional<FastLane> fastLane() {
        return Optional.ofNullable(fastLane).map(FastLaneRunner::lane);
    }

    /** The stream-group watch, unless in account mode; e.g. to run rounds when started with {@code scheduled(false)}. */
    public Optional<StreamGroupWatch> streamGroupWatch() {
        return Optional.ofNullable(streamGroupWatch).map(StreamGroupWatchRunner::watch);
    }

    /** The Region snapshots are attributed to. */
    public String region() {
        return region;
    }

    /** The stream groups this instance polls now. */
    public StreamGroupSource streamGroups() {
        return groups;
    }

    /** The time between cycle starts now (fixed, or tuned after every scheduled cycle). */
    public Duration pollInterval() {
        return interval.current();
    }

    /** This instance's pace per API operation: its share of the account-wide budget, lowered after throttling. */
    public RateLimits rateLimits() {
        return limits;
    }

    /** The process works: its consumers run (a failed one needs a restart). */
    public boolean isLive() {
        return !closed.get()
                && (directory == null || directory.isHealthy())
                && (executor == null || executor.isHealthy());
    }

    /** It does its job now: it knows its groups and its last cycle reached Kafka. */
    public boolean isReady() {
        return isLive() && groups.isReady() && !lastCycleFailed.get();
    }

    /**
     * One cycle at a time, each rescheduled from the end of the last. Not scheduleAtFixedRate: after
     * one long cycle (a slow first listing, a broker outage) it runs every missed tick back to back,
     * a burst of cycles that floods the processor with markers while it catches up.
     */
    private void scheduleCycle(Duration delay) {
        if (closed.get()) {
            return;
        }
        try {
            pollScheduler.schedule(() -> {
                long started = System.nanoTime();
                scheduledCycle();
                scheduleCycle(CycleCadence.delayAfter(interval.current(), Duration.ofNanos(System.nanoTime() - started)));
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("poll scheduler shut down: no further cycle");
        }
    }

    private void scheduledCycle() {
        try {
            if (!groups.isReady()) {
                LOG.debug("stream groups not known yet: cycle skipped");
                return;
            }
            if (fastLane != null) {
                fastLane.sweepStarted();
            }
            CycleReport report = poller.pollOnce();
            if (fastLane != null) {
                fastLane.sweepEnded(report.duration());
            }
            interval.cycleEnded(report);
            lastCycleFailed.set(!report.groups().isEmpty() && report.count("failed") == report.groups().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // never let one cycle end the schedule
            lastCycleFailed.set(true);
            LOG.error("poll cycle failed", e);
        }
    }

    private void discover(StreamGroupDiscovery discovery, StreamGroupCatalog catalog, FixedStreamGroups local) {
        try {
            List<StreamGroupAssignment> found = discovery.discover();
            LOG.info("discovered {} stream groups", found.size());
            if (local != null) {
                local.replace(found.stream().map(StreamGroupAssignment::getStreamGroupId).toList());
            } else {
                catalog.sync(found);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stream group discovery failed (keeping the groups known so far): {}", e.getMessage());
        }
    }

    /**
     * What this poller (or the one it replaces) published: the whole snapshot topic, a change log
     * compacted to the latest snapshot per session of the retention time. Not a recent window: a
     * session that has not changed for longer than the window would be missing from it, and a
     * window as long as the full-refresh interval still misses every session that went away while
     * the poller was down for longer than that, which are the ones a restart must settle by a Get.
     */
    private static PublishedSessions readBack(KafkaSettings kafka, Topics topics) {
        PublishedSessions published = new PublishedSessions();
        Deserializer<SessionSnapshot> decode = topics.sessionSnapshots().valueSerde().deserializer();
        long begin = System.nanoTime();
        int[] unreadable = {0};
        TopicReader.readAll(kafka.consumer(null, "restore"), topics.sessionSnapshots().name(), RESTORE_TIMEOUT,
                record -> {
                    if (record.value() == null) {
                        return; // a tombstone an operator wrote: nothing to remember
                    }
                    try {
                        published.add(decode.deserialize(record.topic(), record.value()));
                    } catch (RuntimeException e) {
                        unreadable[0]++; // not ours to judge: the processor dead-letters it
                    }
                });
        LOG.info("read back {} sessions from the snapshot topic in {} ms ({} records unreadable)", published.size(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis(), unreadable[0]);
        return published;
    }

    /**
     * Until the stream groups are known (the first discovery, before joining the consumer group) the
     * instance paces at the whole budget: a page or two of ListStreamGroups.
     */
    private static double budgetShare(StreamGroupSource groups) {
        return groups == null ? 1.0 : groups.share();
    }

    private void requireCoPartitioned(Topics topics) {
        int snapshots = publisher.partitionCount(topics.sessionSnapshots().name());
        int cycles = publisher.partitionCount(topics.pollCycles().name());
        if (snapshots != cycles) {
            throw new IllegalStateException(topics.sessionSnapshots().name() + " has " + snapshots + " partitions but "
                    + topics.pollCycles().name() + " has " + cycles + ": they must be equal (markers go to every partition)");
        }
    }

    /**
     * Stops in order: cycles finish their current page and publish what they saw (incomplete
     * markers), the executor finishes its command, consumers leave their groups, the producer
     * flushes, the AWS client closes.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping poller {}", config.pollerId());
        poller.requestStop();
        discoveryScheduler.shutdownNow();
        pollScheduler.shutdown();
        try {
            if (!pollScheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the running cycle did not end within {}", STOP_WAIT);
                pollScheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fastLane != null) {
            fastLane.close();
        }
        if (streamGroupWatch != null) {
            streamGroupWatch.close();
        }
        poller.close();
        if (executor != null) {
            executor.close();
        }
        if (directory != null) {
            directory.close();
        }
        publisher.flush();
        producerMetrics.close();
        publisher.close(Duration.ofSeconds(30));
        client.close();
        LOG.info("poller {} stopped", config.pollerId());
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public static final class Builder {
        private final PollerConfig config;
        private Map<String, ?> kafkaOverrides = Map.of();
        private MeterRegistry registry;
        private AwsCredentialsProvider credentials;
        private Clock clock = Clock.systemUTC();
        private boolean scheduled = true;
        private CycleListener listener = CycleListener.NONE;

        private Builder(PollerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Kafka client settings applied over the configuration's (same prefix rules). */
        public Builder kafkaOverrides(Map<String, ?> value) {
            this.kafkaOverrides = value == null ? Map.of() : value;
            return this;
        }

        public Builder meterRegistry(MeterRegistry value) {
            this.registry = value;
            return this;
        }

        /** Null (default): the SDK's default credential provider chain. */
        public Builder credentialsProvider(AwsCredentialsProvider value) {
            this.credentials = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** False: no cycles run by themselves; call {@code poller().pollOnce()}. */
        public Builder scheduled(boolean value) {
            this.scheduled = value;
            return this;
        }

        public Builder cycleListener(CycleListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public PollerApp start() throws InterruptedException {
            if (registry == null) {
                registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            }
            List<AutoCloseable> started = new ArrayList<>();
            try {
                return new PollerApp(this, started);
            } catch (RuntimeException | InterruptedException e) {
                for (int i = started.size() - 1; i >= 0; i--) {
                    try {
                        started.get(i).close();
                    } catch (Exception closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }
    }
}
