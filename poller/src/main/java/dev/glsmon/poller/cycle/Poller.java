package dev.glsmon.poller.cycle;

import dev.glsmon.poller.config.FastLaneSettings;
import dev.glsmon.poller.Mode;
import dev.glsmon.poller.PollerConfig;
import dev.glsmon.poller.aws.RateLimits;
import dev.glsmon.poller.aws.TokenBucket;
import dev.glsmon.poller.aws.SessionListings;
import dev.glsmon.poller.groups.StreamGroupSource;
import dev.glsmon.poller.kafka.RecordPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * Runs poll cycles: {@link #pollOnce()} lists every stream group this instance polls (group mode,
 * a few groups at a time) or the whole account (account mode), publishes the snapshots and the
 * markers, and reports what it did. Scheduling is the caller's: {@code PollerApp} runs it at the
 * poll interval, tests and benchmarks call it directly.
 */
public final class Poller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final String ACCOUNT_SCOPE = "account";
    /**
     * Gets waiting at most: minutes of the GetStreamSession budget even at a high churn; beyond it
     * the least important are dropped and asked again by a later cycle.
     */
    static final int ENRICHMENT_QUEUE_CAPACITY = 10_000;
    /** Enough to keep the Get budget busy at a few hundred ms per call; the rate limiter paces them. */
    static final int ENRICHMENT_WORKERS = 4;

    private final PollerConfig config;
    private final SessionListings listings;
    private final StreamGroupSource groups;
    private final CycleContext context;
    private final SessionMemory memory;
    private final PollerMetrics metrics;
    private final ExecutorService workers;
    private final Enricher enricher;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Map<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();
    private long lastAccountCycleNumber;

    private Poller(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        GameLiftStreamsClient client = Objects.requireNonNull(b.client, "client");
        this.listings = new SessionListings(client, config.pageSize());
        this.groups = Objects.requireNonNull(b.groups, "groups");
        this.metrics = Objects.requireNonNull(b.metrics, "metrics");
        this.memory = new SessionMemory();
        SnapshotMapper mapper = new SnapshotMapper(Objects.requireNonNull(b.region, "region"), config.keepSignalData());
        RecordPublisher publisher = Objects.requireNonNull(b.publisher, "publisher");
        this.enricher = new Enricher(new EnrichmentQueue(ENRICHMENT_QUEUE_CAPACITY), ENRICHMENT_WORKERS,
                new SessionFetcher(client), mapper, publisher, config.topics(), metrics, b.clock,
                ENRICHMENT_QUEUE_CAPACITY);
        this.context = new CycleContext(
                publisher,
                config.topics(),
                mapper,
                new EnrichmentPlanner(),
                enricher,
                new SnapshotChanges(metrics),
                config.fullRefreshInterval(),
                memory,
                metrics,
                b.clock,
                config.pollerId(),
                stopRequested::get,
                b.listener);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "glsmon-poll-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One cycle over everything this instance polls. Never throws for API or Kafka trouble: a
     * group whose listing failed part-way is reported incomplete, one whose records Kafka did not
     * acknowledge is reported failed (and redone by the next cycle).
     */
    public synchronized CycleReport pollOnce() throws InterruptedException {
        long begin = System.nanoTime();
        Instant startedAt = context.clock().instant();
        List<CycleRun.Result> results = config.mode() == Mode.ACCOUNT
                ? List.of(pollAccount(startedAt))
                : pollGroups(startedAt);
        Duration duration = Duration.ofNanos(System.nanoTime() - begin);
        List<GroupCycleReport> reports = new ArrayList<>();
        int pages = 0;
        int gets = 0;
        int sessions = 0;
        int snapshots = 0;
        int repeats = 0;
        int notFound = 0;
        for (CycleRun.Result result : results) {
            reports.addAll(result.groups());
            pages += result.pages();
            gets += result.gets();
            sessions += result.sessions();
            snapshots += result.snapshots();
            repeats += result.repeats();
            notFound += result.notFound();
        }
        CycleReport report = new CycleReport(config.mode(), startedAt, duration, reports, pages, gets, sessions,
                snapshots, repeats, notFound);
        metrics.cycleDuration(duration);
        metrics.sessionsObserved(reports.stream().collect(
                Collectors.toMap(GroupCycleReport::streamGroupId, GroupCycleReport::sessions, Integer::sum)));
        LOG.info("{}", report);
        return report;
    }

    private List<CycleRun.Result> pollGroups(Instant startedAt) throws InterruptedException {
        List<String> current = groups.current().stream().sorted().toList();
        memory.retainGroups(current);
        metrics.streamGroups(current.size());
        List<Future<CycleRun.Result>> futures = new ArrayList<>();
        for (String group : current) {
            futures.add(workers.submit(() -> pollGroup(group, startedAt)));
        }
        List<CycleRun.Result> results = new ArrayList<>();
        for (Future<CycleRun.Result> future : futures) {
            try {
                CycleRun.Result result = future.get();
                if (result != null) {
                    results.add(result);
                }
            } catch (ExecutionException e) {
                // a bug, not API or Kafka trouble (those are outcomes): keep the other groups going
                LOG.error("a stream group cycle failed unexpectedly", e.getCause());
            }
        }
        return results;
    }

    /** Null when the group was skipped (no longer assigned, or stopping). */
    private CycleRun.Result pollGroup(String group, Instant startedAt) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        // registered before the assignment check: a revocation either sees this cycle or is seen by it
        inFlight.put(group, done);
        try {
            if (stopRequested.get() || !groups.isAssigned(group)) {
                return null;
            }
            long cycleNumber = memory.nextCycleNumber(group, startedAt.toEpochMilli());
            CycleRun run = new CycleRun(context, new GroupListing(group, cycleNumber), cycleId(group, cycleNumber),
                    startedAt);
            return run.run(listings.ofGroup(group));
        } finally {
            inFlight.remove(group, done);
            done.countDown();
        }
    }

    private CycleRun.Result pollAccount(Instant startedAt) throws InterruptedException {
        lastAccountCycleNumber = Math.max(startedAt.toEpochMilli(), lastAccountCycleNumber + 1);
        CycleRun run = new CycleRun(context, new AccountListing(memory, startedAt),
                cycleId(ACCOUNT_SCOPE, lastAccountCycleNumber), startedAt);
        CycleRun.Result result = run.run(listings.ofAccount());
        metrics.streamGroups(result.groups().size());
        return result;
    }

    private String cycleId(String scope, long number) {
        return config.pollerId() + "/" + scope + "/" + number;
    }

    /**
     * The fast lane beside this poller's full sweeps: status-filtered ListStreamSessionsByAccount
     * listings of this instance's stream groups (all groups in account mode), publishing through
     * the same producer, memory and Get queue as the cycles. Scheduling is the caller's.
     *
     * @param listingPace this instance's ListStreamSessionsByAccount pace now (requests/s)
     */
    public FastLane fastLane(FastLaneSettings settings, DoubleSupplier listingPace, FastLaneMetrics fastLaneMetrics) {
        Supplier<Set<String>> polled = config.mode() == Mode.ACCOUNT ? () -> null : groups::current;
        return new FastLane(context, listings::ofAccountByStatus, settings, polled, listingPace,
                TokenBucket.perSecond(RateLimits.MIN_RATE), fastLaneMetrics);
    }

    /**
     * Asks running cycles to stop after their current page (they publish what they saw, with
     * incomplete markers) and makes later cycles do nothing.
     */
    public void requestStop() {
        stopRequested.set(true);
    }

    public boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * Waits until no cycle of these groups runs: called when the groups were taken from this
     * instance, so that no group is polled by two instances at once.
     *
     * @return false if a cycle still ran at the timeout
     */
    public boolean awaitIdle(Collection<String> streamGroupIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String group : streamGroupIds) {
            CountDownLatch running = inFlight.get(group);
            if (running != null && !running.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts from what an earlier run of this poller published (read back from the snapshot topic),
     * before the first cycle: groups that are not this instance's are forgotten by that cycle.
     */
    public void restore(PublishedSessions published) {
        published.byGroup().forEach(memory::replace);
    }

    /** Sessions remembered from the last cycles (bounded by the live set). */
    public int rememberedSessions() {
        return memory.size();
    }

    /**
     * Waits until every GetStreamSession the cycles asked for was answered and its snapshot
     * published (the cycles do not wait for them); for tests and benchmarks.
     *
     * @return false if some were still pending at the timeout
     */
    public boolean awaitEnrichment(Duration timeout) throws InterruptedException {
        return enricher.awaitIdle(timeout);
    }

    @Override
    public void close() {
        requestStop();
        enricher.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private PollerConfig config;
        private GameLiftStreamsClient client;
        private RecordPublisher publisher;
        private StreamGroupSource groups;
        private PollerMetrics metrics;
        private String region;
        private Clock clock = Clock.systemUTC();
        private CycleListener listener = CycleListener.NONE;

        private Builder() {}


        public Builder config(PollerConfig value) {
            this.config = value;
            return this;
        }

        public Builder client(GameLiftStreamsClient value) {
            this.client = value;
            return this;
        }

        public Builder publisher(RecordPublisher value) {
            this.publisher = value;
            return this;
        }

        public Builder streamGroups(StreamGroupSource value) {
            this.groups = value;
            return this;
        }

        public Builder metrics(PollerMetrics value) {
            this.metrics = value;
            return this;
        }

        /** The Region of the polled endpoint, written into every snapshot. */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /** observedAt, startedAt and completedAt come from this clock (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder listener(CycleListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public Poller build() {
            return new Poller(this);
        }
    }
}
