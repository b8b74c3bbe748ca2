package dev.glsmon.poller.cycle;

import dev.glsmon.poller.aws.ListingPage;
import dev.glsmon.poller.aws.MalformedResponses;
import dev.glsmon.poller.kafka.PublishException;
import dev.glsmon.poller.kafka.SendBatch;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * One listing of a poll cycle, from its first page to its markers: a stream group's
 * ListStreamSessions in group mode, the account's ListStreamSessionsByAccount in account mode (its
 * {@link ListingScope}).
 *
 * <p>Order of work: each page's changed sessions go to the producer as the page arrives (every
 * listed session in a full refresh; {@link SnapshotChanges} decides), with Gets queued where the
 * rules say so; a complete listing then settles the sessions that disappeared; the cycle waits for
 * every acknowledgement, sends its markers to every partition, waits again, and only then makes what
 * it saw the memory for the next cycle. If Kafka fails it, nothing is remembered and the next cycle
 * redoes the work.
 */
final class CycleRun {

    private static final Logger LOG = LoggerFactory.getLogger(CycleRun.class);

    private final CycleContext ctx;
    private final String cycleId;
    private final Instant startedAt;
    private final ListingScope scope;

    private final Set<String> markerGroups = new LinkedHashSet<>();
    private final Map<String, Long> cycleNumbers = new HashMap<>();
    /** Per group: whether this cycle publishes every listed session, decided when the run first touches it. */
    private final Map<String, Boolean> fullRefresh = new HashMap<>();
    private final Map<String, Map<String, KnownSession>> next = new HashMap<>();
    private final Map<String, Integer> listedCount = new HashMap<>();
    private final Map<String, Integer> getsByGroup = new HashMap<>();
    private final Map<String, Integer> notFoundByGroup = new HashMap<>();
    private final SendBatch batch = new SendBatch();
    private final Map<String, List<Future<RecordMetadata>>> snapshotSends = new HashMap<>();
    private int pages;
    private int gets;
    private int snapshots;
    private int repeats;
    private int notFound;
    /** Listed items that cannot be trusted, by what was wrong (a bounded label). */
    private final Map<String, Integer> unusableItems = new TreeMap<>();
    private String incompleteBecause;

    CycleRun(CycleContext ctx, ListingScope scope, String cycleId, Instant startedAt) {
        this.ctx = ctx;
        this.scope = scope;
        this.cycleId = cycleId;
        this.startedAt = startedAt;
        scope.groups().forEach(this::touch);
    }

    /** The result of the run: one report per group that got (or should have got) a marker. */
    record Result(List<GroupCycleReport> groups, int pages, int gets, int snapshots, int repeats, int notFound,
            int sessions) {}

    Result run(Iterator<ListingPage> listing) throws InterruptedException {
        try {
            try {
                list(listing);
            } catch (SdkException e) {
                // after the SDK's retries: publish what was seen, mark the cycle incomplete
                incompleteBecause = "listing failed after " + pages + " pages: " + e.getMessage();
                LOG.warn("cycle {}: {}", cycleId, incompleteBecause);
            } catch (PublishException e) {
                throw e;
            } catch (RuntimeException e) {
                // not the API's fault (a response we cannot handle, a bug): still end the cycle with markers
                incompleteBecause = "listing stopped after " + pages + " pages: " + e;
                LOG.error("cycle {}: {}", cycleId, incompleteBecause, e);
            }
            if (!unusableItems.isEmpty() && incompleteBecause == null) {
                // a session we could not key (or whose status we do not know) may be any of the "missing"
                // ones: absence proves nothing
                incompleteBecause = unusableItems.values().stream().mapToInt(Integer::intValue).sum()
                        + " listed items were unusable " + unusableItems;
                LOG.warn("cycle {}: {}", cycleId, incompleteBecause);
            }
            boolean complete = incompleteBecause == null;
            markerGroups.forEach(group -> listedCount.put(group, next.get(group).size()));
            settleUnseen(complete);
            String outcome = complete ? PollerMetrics.OUTCOME_COMPLETE : PollerMetrics.OUTCOME_INCOMPLETE;
            batch.awaitAll();
            Map<String, Map<Integer, Integer>> perPartition = acknowledgedPerPartition();
            Instant completedAt = ctx.clock().instant();
            sendMarkers(complete, completedAt, perPartition);
            batch.awaitAll();
            commitMemory(complete);
            markerGroups.forEach(group -> ctx.metrics().groupCycle(outcome, completedAt));
            return result(outcome, incompleteBecause);
        } catch (PublishException e) {
            LOG.error("cycle {} failed: {}; no marker sent, its groups will be listed again next cycle", cycleId,
                    e.getMessage(), e);
            markerGroups.forEach(group -> ctx.metrics().groupCycle(PollerMetrics.OUTCOME_FAILED, ctx.clock().instant()));
            markerGroups.forEach(group -> listedCount.putIfAbsent(group, next.get(group).size()));
            return result(PollerMetrics.OUTCOME_FAILED, e.getMessage());
        }
    }

    private void list(Iterator<ListingPage> listing) {
        while (listing.hasNext()) {
            ListingPage page = listing.next();
            pages++;
            Instant observedAt = ctx.clock().instant();
            for (StreamSessionSummary item : page.items()) {
                observe(item, page, observedAt);
            }
            ctx.listener().pageDone(cycleId, pages, sessionCount());
            if (!page.last() && ctx.stopRequested().getAsBoolean()) {
                incompleteBecause = "stopped after " + pages + " pages";
                LOG.info("cycle {}: {}", cycleId, incompleteBecause);
                return;
            }
        }
    }

    private void observe(StreamSessionSummary item, ListingPage page, Instant observedAt) {
        if (item.arn() == null || item.arn().isEmpty()) {
            unusable(MalformedResponses.MISSING_ARN);
            return;
        }
        if (item.statusAsString() == null || item.statusAsString().isEmpty()) {
            unusable(MalformedResponses.MISSING_STATUS);
            return; // a status we would have to invent: keep what is known, the cycle is incomplete
        }
        String group = scope.groupOf(item);
        if (group == null) {
            // before mapping: a snapshot needs a group, and one item must not stop the listing
            LOG.warn("cycle {}: skipping a session whose ARN names no stream group: {}", cycleId, item.arn());
            unusable(MalformedResponses.NO_STREAM_GROUP);
            return;
        }
        SessionSnapshot listed = ctx.mapper().fromListing(item, page.reasonOf(item), group, cycleId, observedAt,
                scope.source());
        touch(group);
        KnownSession remembered = ctx.memory().known(group, listed.getArn());
        KnownSession known = withAnswer(remembered, listed);
        // a 404 for a session no cycle had acknowledged yet (its cycle failed) remembers this very
        // listing, which was never published: nothing acknowledged to compare with
        KnownSession acknowledged = remembered == null && known != null && known.last() == listed ? null : known;
        listed = ctx.planner().carryKnown(listed, known);
        Set<Enrichment> needs = ctx.planner().forListed(listed, known);
        boolean asking = !needs.isEmpty() && !ctx.enricher().pending(listed.getArn());
        if (ctx.changes().publish(listed, acknowledged, fullRefresh.get(group))) {
            publish(group, listed);
            next.get(group).put(listed.getArn(), ctx.planner().rememberListed(listed, known));
        } else {
            repeats++;
            next.get(group).put(listed.getArn(), known); // still the last acknowledged snapshot
        }
        if (asking) {
            // only after the listing went to the producer: the Get's answer must land after it in the
            // session's partition, or the compacted topic would keep the listing (without the reason)
            // as the session's last word
            Enrichment why = needs.contains(Enrichment.TERMINAL_REASON) ? Enrichment.TERMINAL_REASON
                    : Enrichment.EXPORT_DETAILS;
            ask(why, group, listed);
        }
    }

    /** What the session's memory becomes with a Get's answer that came since a cycle last met it. */
    private KnownSession withAnswer(KnownSession known, SessionSnapshot listed) {
        Optional<Enricher.Answer> answer = ctx.enricher().takeAnswer(listed.getArn());
        if (answer.isEmpty()) {
            return known;
        }
        return remembered(answer.get(), known != null ? known.last() : listed);
    }

    /** Memory after a Get's answer: its full state, or (404) what was last known, with nothing more to ask. */
    private KnownSession remembered(Enricher.Answer answer, SessionSnapshot lastKnown) {
        return answer.gone() ? ctx.planner().rememberGone(lastKnown) : ctx.planner().rememberFetched(answer.fetched());
    }

    /**
     * Sessions of the last cycle that this listing did not show. After a complete listing they are
     * gone from the list: ask GetStreamSession what became of them (off the cycle's path), unless
     * their end is already known; they stay in memory until the answer came. After an incomplete
     * listing their absence proves nothing: keep them as they were.
     */
    private void settleUnseen(boolean complete) {
        for (String group : List.copyOf(markerGroups)) {
            Map<String, KnownSession> seen = next.get(group);
            for (Map.Entry<String, KnownSession> entry : ctx.memory().sessions(group).entrySet()) {
                String arn = entry.getKey();
                if (seen.containsKey(arn)) {
                    continue;
                }
                KnownSession known = entry.getValue();
                Optional<Enricher.Answer> answer = ctx.enricher().takeAnswer(arn);
                if (answer.isPresent() && answer.get().request().why() == Enrichment.DISAPPEARED) {
                    if (answer.get().gone()) {
                        notFound++;
                        notFoundByGroup.merge(group, 1, Integer::sum);
                    }
                    continue; // its final state is published: it leaves the memory
                }
                if (answer.isPresent()) {
                    known = remembered(answer.get(), known.last());
                }
                if (!complete || ctx.enricher().pending(arn)) {
                    seen.put(arn, known);
                } else if (ctx.planner().forMissing(known)) {
                    ask(Enrichment.DISAPPEARED, group, known.last());
                    seen.put(arn, known);
                }
            }
        }
    }

    private void ask(Enrichment why, String group, SessionSnapshot last) {
        gets++;
        getsByGroup.merge(group, 1, Integer::sum);
        ctx.enricher().request(why, group, last, cycleId);
    }

    private void unusable(String kind) {
        unusableItems.merge(kind, 1, Integer::sum);
        ctx.metrics().malformedResponse(scope.source(), kind);
    }

    private void publish(String group, SessionSnapshot snapshot) {
        Future<RecordMetadata> sent = ctx.publisher().send(ctx.topics().sessionSnapshots(), snapshot.getArn(), snapshot);
        batch.add(sent);
        snapshotSends.computeIfAbsent(group, g -> new ArrayList<>()).add(sent);
        snapshots++;
        ctx.metrics().snapshots(snapshot.getSource(), 1);
    }

    /** Where the broker put each group's snapshots of this cycle; every send is acknowledged by now. */
    private Map<String, Map<Integer, Integer>> acknowledgedPerPartition() throws InterruptedException {
        Map<String, Map<Integer, Integer>> counts = new HashMap<>();
        for (Map.Entry<String, List<Future<RecordMetadata>>> entry : snapshotSends.entrySet()) {
            Map<Integer, Integer> byPartition = counts.computeIfAbsent(entry.getKey(), g -> new HashMap<>());
            for (Future<RecordMetadata> sent : entry.getValue()) {
                try {
                    byPartition.merge(sent.get().partition(), 1, Integer::sum);
                } catch (ExecutionException e) {
                    throw new PublishException("Kafka did not acknowledge a snapshot: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        }
        return counts;
    }

    /**
     * Every partition gets every marker, so every processor task sees each group's cycle end; each
     * says how many of the group's snapshots its partition holds, so a task that reads the marker
     * before some of them knows it must not yet infer anything from their absence.
     */
    private void sendMarkers(boolean complete, Instant completedAt, Map<String, Map<Integer, Integer>> perPartition) {
        String topic = ctx.topics().pollCycles().name();
        int partitions = ctx.publisher().partitionCount(topic);
        for (String group : markerGroups) {
            Map<Integer, Integer> counts = perPartition.getOrDefault(group, Map.of());
            PollCycle.Builder marker = PollCycle.newBuilder()
                    .setStreamGroupId(group)
                    .setCycleId(cycleId)
                    .setCycleNumber(cycleNumbers.get(group))
                    .setComplete(complete)
                    .setSessionCount(listedCount.getOrDefault(group, 0))
                    .setStartedAt(startedAt)
                    .setCompletedAt(completedAt)
                    .setSource(scope.source())
                    .setPollerId(ctx.pollerId())
                    .setFullRefresh(fullRefresh.get(group));
            for (int partition = 0; partition < partitions; partition++) {
                PollCycle partitionMarker = marker.setPartitionSnapshots(counts.getOrDefault(partition, 0)).build();
                batch.add(ctx.publisher().send(ctx.topics().pollCycles(), partition, group, partitionMarker));
            }
        }
    }

    private void commitMemory(boolean complete) {
        for (String group : markerGroups) {
            Map<String, KnownSession> sessions = next.get(group);
            if (sessions.isEmpty() && !scope.pagesOfOneGroup()) {
                ctx.memory().forget(group); // a group with no session left needs no more markers
            } else {
                ctx.memory().replace(group, sessions);
                if (complete && fullRefresh.get(group)) {
                    // only a complete one: the processor's safety net infers absence from nothing less
                    ctx.memory().fullRefreshDone(group, startedAt);
                }
            }
        }
    }

    private void touch(String group) {
        if (markerGroups.add(group)) {
            next.put(group, new HashMap<>());
            cycleNumbers.put(group, scope.cycleNumber(group));
            fullRefresh.put(group, ctx.memory().fullRefreshDue(group, startedAt, ctx.fullRefreshInterval()));
        }
    }

    private int sessionCount() {
        return next.values().stream().mapToInt(Map::size).sum();
    }

    private Result result(String outcome, String failure) {
        List<GroupCycleReport> reports = new ArrayList<>();
        int sessions = 0;
        for (String group : markerGroups) {
            int count = listedCount.getOrDefault(group, 0);
            sessions += count;
            reports.add(new GroupCycleReport(group, cycleId, cycleNumbers.get(group), outcome, count,
                    scope.pagesOfOneGroup() ? pages : 0, getsByGroup.getOrDefault(group, 0),
                    notFoundByGroup.getOrDefault(group, 0), fullRefresh.get(group), failure));
        }
        return new Result(reports, pages, gets, snapshots, repeats, notFound, sessions);
    }
}
