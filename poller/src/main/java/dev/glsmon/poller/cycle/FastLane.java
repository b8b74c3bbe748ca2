package dev.glsmon.poller.cycle;

import dev.glsmon.poller.config.FastLaneSettings;
import dev.glsmon.poller.aws.ListingPage;
import dev.glsmon.poller.aws.MalformedResponses;
import dev.glsmon.poller.aws.RateLimits;
import dev.glsmon.poller.aws.SessionArn;
import dev.glsmon.poller.aws.TokenBucket;
import dev.glsmon.poller.kafka.PublishException;
import dev.glsmon.poller.kafka.SendBatch;
import dev.glsmon.schemas.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * The fast lane beside the full sweep: every fast interval, one ListStreamSessionsByAccount listing
 * filtered by status for each watched status (the few statuses a change of interest leads into),
 * so a disconnect, an end or a failed activation is published within about a fast interval however
 * large the fleet. By account, not per stream group: a filtered listing costs at least one call per
 * status and group, so per group it would cost G x S calls a sweep (1,200 at 200 groups and 6
 * statuses, more than a full sweep of 100,000 sessions), by account S plus the pages of the watched
 * sessions (docs/ARCHITECTURE.md has the figures).
 *
 * <p>A listed session of this instance's stream groups whose status or LastUpdatedAt the fast lane
 * has not yet published is published at once as an ordinary snapshot (the full sweep's known
 * StatusReason carried over; a terminal status without one queues the same GetStreamSession a
 * by-account sweep would). A session that leaves the watched statuses is forgotten, never reported:
 * a filtered listing proves nothing about absence; the full sweep, whose complete cycles alone send
 * markers, reports where it went.
 *
 * <p>Its calls are paced by its own token bucket at {@code budgetShare} of this instance's
 * ListStreamSessionsByAccount pace, on top of the client's limiter (which every call passes too).
 */
public final class FastLane {

    private static final Logger LOG = LoggerFactory.getLogger(FastLane.class);
    private static final String SCOPE = "fast";
    private static final Duration SLOT_WAIT = Duration.ofSeconds(30);

    /** One call of a status-filtered listing. */
    @FunctionalInterface
    interface StatusPages {
        ListingPage page(String status, String nextToken);
    }

    /** What one fast sweep did. */
    public record Sweep(String cycleId, boolean complete, int calls, int listed, int published, int gets,
            int forgotten, Duration took) {}

    private final CycleContext ctx;
    private final StatusPages pages;
    private final FastLaneSettings settings;
    private final Supplier<Set<String>> polledGroups;
    private final DoubleSupplier listingPace;
    private final TokenBucket bucket;
    private final FastLaneMetrics metrics;
    private final FastLaneView view = new FastLaneView();
    private long lastNumber;

    /**
     * @param polledGroups the stream groups this instance polls, asked once a sweep; null from it: every group
     * @param listingPace this instance's ListStreamSessionsByAccount pace now, requests/s
     */
    FastLane(CycleContext ctx, StatusPages pages, FastLaneSettings settings, Supplier<Set<String>> polledGroups,
            DoubleSupplier listingPace, TokenBucket bucket, FastLaneMetrics metrics) {
        this.ctx = ctx;
        this.pages = pages;
        this.settings = settings;
        this.polledGroups = polledGroups;
        this.listingPace = listingPace;
        this.bucket = bucket;
        this.metrics = metrics;
    }

    public FastLaneSettings settings() {
        return settings;
    }

    /** The metrics' on/off gauge: the scheduler tells it whether sweeps run now. */
    public void switched(boolean on) {
        metrics.on(on);
    }

    /** Lists every watched status once. Never throws for API or Kafka trouble: the sweep is then incomplete. */
    public synchronized Sweep sweepOnce() throws InterruptedException {
        long begin = System.nanoTime();
        Instant startedAt = ctx.clock().instant();
        lastNumber = Math.max(startedAt.toEpochMilli(), lastNumber + 1);
        String cycleId = ctx.pollerId() + "/" + SCOPE + "/" + lastNumber;
        Run run = new Run(cycleId, polledGroups.get());
        boolean complete = run.listAll();
        try {
            run.batch.awaitAll();
        } catch (PublishException e) {
            LOG.warn("fast sweep {}: {}; its sessions are published again by the next fast sweep", cycleId,
                    e.getMessage());
            view.clear();
            complete = false;
        }
        int forgotten = complete ? view.retainOnly(run.listedArns) : 0;
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        metrics.swept(complete, took, run.listedArns.size());
        Sweep sweep = new Sweep(cycleId, complete, run.calls, run.listedArns.size(), run.published, run.gets,
                forgotten, took);
        LOG.debug("{}", sweep);
        return sweep;
    }

    /** One sweep's work. */
    private final class Run {
        final String cycleId;
        final Set<String> groups;
        final Set<String> listedArns = new HashSet<>();
        final SendBatch batch = new SendBatch();
        int calls;
        int published;
        int gets;

        Run(String cycleId, Set<String> groups) {
            this.cycleId = cycleId;
            this.groups = groups;
        }

        boolean listAll() throws InterruptedException {
            boolean complete = true;
            for (String status : settings.statuses()) {
                complete &= list(status);
                if (ctx.stopRequested().getAsBoolean()) {
                    return false;
                }
            }
            return complete;
        }

        /** @return whether the status was listed to its last page */
        private boolean list(String status) throws InterruptedException {
            String token = null;
            do {
                if (!slot()) {
                    LOG.warn("fast sweep {}: no request slot within {}; {} listed in part", cycleId, SLOT_WAIT, status);
                    return false;
                }
                ListingPage page;
                try {
                    calls++;
                    page = pages.page(status, token);
                } catch (SdkException e) {
                    // after the SDK's retries: what was listed stands, nothing is inferred from the rest
                    LOG.warn("fast sweep {}: listing {} failed: {}", cycleId, status, e.getMessage());
                    return false;
                }
                Instant observedAt = ctx.clock().instant();
                for (StreamSessionSummary item : page.items()) {
                    observe(item, page, observedAt);
                }
                token = page.nextToken();
            } while (!ListingPage.isLast(token) && !ctx.stopRequested().getAsBoolean());
            return ListingPage.isLast(token);
        }

        private void observe(StreamSessionSummary item, ListingPage page, Instant observedAt) {
            if (item.arn() == null || item.arn().isEmpty() || item.statusAsString() == null
                    || item.statusAsString().isEmpty()) {
                ctx.metrics().malformedResponse(Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT,
                        item.arn() == null || item.arn().isEmpty() ? MalformedResponses.MISSING_ARN : MalformedResponses.MISSING_STATUS);
                return; // the full sweep reports it (or marks its cycle incomplete)
            }
            // the group before mapping: a snapshot needs one, and one item must not stop the sweep
            String group = SessionArn.parse(item.arn()).map(SessionArn::streamGroupId).orElse(null);
            if (group == null || (groups != null && !groups.contains(group))) {
                return; // another instance's stream group (or an ARN naming none)
            }
            SessionSnapshot listed = ctx.mapper().fromListing(item, page.reasonOf(item), group, cycleId, observedAt,
                    Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT);
            listedArns.add(listed.getArn());
            if (!view.isNew(listed)) {
                return;
            }
            KnownSession known = ctx.memory().known(group, listed.getArn());
            listed = ctx.planner().carryKnown(listed, known);
            boolean asking = ctx.planner().forListed(listed, known).contains(Enrichment.TERMINAL_REASON)
                    && !ctx.enricher().pending(listed.getArn());
            publish(listed);
            if (asking) {
                // after the listing's send, so that the Get's answer lands after it (see CycleRun)
                gets++;
                ctx.enricher().request(Enrichment.TERMINAL_REASON, group, listed, cycleId);
            }
        }

        private void publish(SessionSnapshot snapshot) {
            batch.add(ctx.publisher().send(ctx.topics().sessionSnapshots(), snapshot.getArn(), snapshot));
            ctx.metrics().snapshots(snapshot.getSource(), 1);
            view.published(snapshot);
            published++;
        }

        private boolean slot() throws InterruptedException {
            double pace = listingPace.getAsDouble();
            double rate = Double.isNaN(pace) ? RateLimits.MIN_RATE : pace * settings.budgetShare();
            bucket.ratePerSecond(Math.max(rate, RateLimits.MIN_RATE));
            return bucket.acquire(SLOT_WAIT);
        }
    }
}
