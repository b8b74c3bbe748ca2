package dev.glsmon.processor.session;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.config.ExportSettings;
import dev.glsmon.processor.config.OutputUriTemplate;
import dev.glsmon.processor.errors.DeadLetters;
import dev.glsmon.processor.export.ExportCommands;
import dev.glsmon.processor.export.ExportFinals;
import dev.glsmon.processor.export.ExportRules;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.ErrorRateEvent;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.LocationErrorRate;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's sessions: applies snapshots and poll-cycle markers of its partition to the session
 * store through {@link SessionLifecycle}, and emits transitions, terminations, error-rate events,
 * export commands and dead letters (all as values of one output stream, split by type downstream).
 *
 * <p>The store is read for every snapshot and written only when something changed; what changes on
 * every snapshot ("seen in this cycle") stays in memory ({@link GroupTracking}).
 */
public final class SessionLifecycleProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycleProcessor.class);
    static final String UNKNOWN_LOCATION = "unknown";

    /** What the processor needs from the configuration, as one value. */
    public record Settings(
            SessionLifecycle lifecycle,
            SnapshotCheck check,
            ExportSettings export,
            int vanishCycles,
            int reasonWaitCycles,
            Duration endedRetention,
            Duration cleanupInterval,
            String sessionsStore,
            String liveRatesStore,
            ProcessorMetrics metrics,
            Clock clock) {}

    private final Settings settings;
    private final SessionLifecycle lifecycle;
    private final ProcessorMetrics metrics;
    private final Map<String, GroupTracking> groups = new HashMap<>();
    private final EndedSchedule endedSchedule = new EndedSchedule();
    private final AvroSerde<SessionSnapshot> snapshotSerde = AvroSerde.of(SessionSnapshot.class);
    private final AvroSerde<PollCycle> cycleSerde = AvroSerde.of(PollCycle.class);
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SessionState> store;
    private ExportRules exportRules;
    private ProcessorMetrics.TaskGauges gauges;
    private Instant apiHighWater;
    /** Record time of the last heartbeat this task sent to the error-rate windows. */
    private long lastHeartbeat = Long.MIN_VALUE;

    public SessionLifecycleProcessor(Settings settings) {
        this.settings = settings;
        this.lifecycle = settings.lifecycle();
        this.metrics = settings.metrics();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(settings.sessionsStore());
        this.exportRules = new ExportRules(settings.export());
        this.gauges = metrics.taskGauges(context.taskId().toString());
        int sessions = 0;
        try (KeyValueIterator<String, SessionState> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                restore(entry.key, entry.value);
                sessions++;
            }
        }
        refreshHotLocations();
        context.schedule(settings.cleanupInterval(), PunctuationType.STREAM_TIME, this::deleteExpired);
        LOG.info("task {}: {} sessions in the store, {} stream groups tracked", context.taskId(), sessions, groups.size());
    }

    private void restore(String arn, SessionState state) {
        raiseApiHighWater(state.getLastUpdatedAt());
        GroupTracking group = group(state.getStreamGroupId());
        if (!state.getEnded()) {
            group.track(arn); // counts as seen at the restart
            countSession(state, 1);
        } else {
            if (!state.getTerminationEmitted()) {
                group.awaitReason(arn);
            }
            scheduleDeletion(arn, state);
        }
        exportRules.restore(state);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof SessionSnapshot snapshot) {
            onSnapshot(record.key(), snapshot, record.timestamp());
        } else if (record.value() instanceof PollCycle cycle) {
            onCycle(record.key(), cycle, record.timestamp());
        } else if (record.value() != null) {
            throw new IllegalArgumentException("unexpected input type " + record.value().getClass().getName());
        }
        // a null value (tombstone) on an input topic means nothing to the processor
    }

    private void onSnapshot(String key, SessionSnapshot raw, long time) {
        if (raw.getStreamGroupId() != null && raw.getCycleId() != null) {
            group(raw.getStreamGroupId()).received(raw.getCycleId());
        }
        SnapshotCheck.Result checked = settings.check().check(key, raw, time);
        if (!checked.valid()) {
            deadLetter(key, snapshotSerde.serialize(currentTopic(), raw), checked.invalid(), time);
            return;
        }
        checked.repairs().forEach(metrics::oddSnapshot);
        SessionSnapshot snapshot = checked.snapshot();
        String arn = snapshot.getArn();
        GroupTracking group = group(snapshot.getStreamGroupId());
        long digest = SnapshotDigest.of(snapshot);
        if (exportRules.hotLocations().isEmpty() && group.seenAgain(arn, digest)) {
            return; // the snapshot applied last time, again: it cannot change anything, skip the store
        }
        SessionState stored = store.get(arn);
        Outcome outcome = lifecycle.onSnapshot(arn, stored, snapshot, time, apiHighWater);
        raiseApiHighWater(snapshot.getLastUpdatedAt());
        if (outcome.stale()) {
            metrics.staleSnapshot();
        }
        if (outcome.ignored() != null) {
            metrics.oddSnapshot(outcome.ignored());
            return;
        }
        ExportResult exportFinal = snapshot.getNotFound()
                ? ExportFinals.ofGone(arn, outcome.state(), time)
                : ExportFinals.ofSnapshot(arn, outcome.state(), snapshot, time);
        apply(arn, stored, outcome, time, exportFinal);
        if (!outcome.state().getEnded() && !snapshot.getNotFound()) {
            group.seen(arn, outcome.stale() ? 0 : digest);
        }
    }

    private void onCycle(String key, PollCycle cycle, long time) {
        String invalid = settings.check().checkCycle(cycle);
        if (invalid != null) {
            deadLetter(key, cycleSerde.serialize(currentTopic(), cycle), invalid, time);
            return;
        }
        GroupTracking group = group(cycle.getStreamGroupId());
        settleAwaitedReasons(group, time);
        boolean overtook = group.snapshotsStillToCome(cycle.getCycleId(), cycle.getPartitionSnapshots());
        if (overtook) {
            metrics.markerBeforeSnapshots();
        }
        // between full refreshes the poller publishes changes only and settles absences itself (a Get,
        // then a not-found snapshot): only a full refresh lists every session, so only its absence counts
        boolean fullRefresh = !Boolean.FALSE.equals(cycle.getFullRefresh());
        if (cycle.getComplete() && fullRefresh && !overtook) {
            detectVanished(group, cycle, time);
        }
        if (fullRefresh) {
            group.fullRefreshDone();
        }
        // heartbeat for the error-rate windows, sent to every partition: says how far this task has come.
        // Only when it says more than the last one: a tick no later than its source's latest moves no
        // watermark and no live window; every group's marker reaches every task, and each tick goes to
        // every partition (6 groups and 6 partitions: 36 repartition records per task and cycle, not 6)
        if (time > lastHeartbeat) {
            lastHeartbeat = time;
            context.forward(new Record<>(cycle.getStreamGroupId(),
                    (SpecificRecord) new ErrorRateEvent(null, context.taskId().partition()), time));
        }
        refreshHotLocations();
    }

    /** Terminations that waited for a StatusReason long enough go without one. */
    private void settleAwaitedReasons(GroupTracking group, long time) {
        if (group.awaitingReason().isEmpty()) {
            return;
        }
        List<String> due = new ArrayList<>();
        group.awaitingReason().replaceAll((arn, markers) -> {
            int seen = markers + 1;
            if (seen > settings.reasonWaitCycles()) {
                due.add(arn);
            }
            return seen;
        });
        for (String arn : due) {
            SessionState stored = store.get(arn);
            if (stored == null) {
                group.reasonSettled(arn);
                continue;
            }
            Outcome outcome = lifecycle.onReasonWaitOver(arn, stored);
            if (!outcome.changed()) {
                group.reasonSettled(arn); // emitted already, or the session came back
            }
            apply(arn, stored, outcome, time);
        }
    }

    /** Every tracked session of the group that this complete full refresh did not list has missed one more. */
    private void detectVanished(GroupTracking group, PollCycle cycle, long time) {
        List<String> vanished = new ArrayList<>();
        for (var entry : group.live().entrySet()) {
            GroupTracking.Presence presence = entry.getValue();
            if (presence.lastSeen == group.fullRefreshes()) {
                continue; // published since the previous full refresh
            }
            presence.missed++;
            if (presence.firstMissedAt == null) {
                presence.firstMissedAt = cycle.getStartedAt();
            }
            if (presence.missed >= settings.vanishCycles()) {
                vanished.add(entry.getKey());
            }
        }
        for (String arn : vanished) {
            GroupTracking.Presence presence = group.live().get(arn);
            SessionState stored = store.get(arn);
            if (stored == null || stored.getEnded()) {
                group.untrack(arn);
                continue;
            }
            apply(arn, stored, lifecycle.onVanished(arn, stored, presence.firstMissedAt, cycle.getCompletedAt(),
                    cycle.getCycleId(), time), time);
        }
    }

    private void apply(String arn, SessionState before, Outcome outcome, long time) {
        apply(arn, before, outcome, time, null);
    }

    /**
     * Stores the outcome (with an export decision and an export's final result folded in), emits its
     * records, updates the indexes.
     */
    private void apply(String arn, SessionState before, Outcome outcome, long time, ExportResult exportFinal) {
        SessionState state = outcome.state();
        boolean changed = outcome.changed();
        if (exportFinal != null) {
            state = ExportFinals.recorded(state, time);
            changed = true;
        }
        ExportRule rule = exportRules.decide(arn, state, outcome.previousStatus(), outcome.enteredStatus(), time);
        SpecificRecord command = null;
        if (rule != null) {
            exportRules.taken(rule, state, time);
            String sessionLocation = state.getLocation();
            Optional<String> uri = settings.export().uris().flatMap(u -> u.resolve(rule, sessionLocation));
            SessionState.Builder decided = SessionState.newBuilder(state)
                    .setExportRule(rule.name())
                    .setExportIssuedAt(Instant.ofEpochMilli(time));
            if (uri.isPresent()) {
                command = ExportCommands.command(arn, state, rule, uri.get(), time);
                decided.setExportCommandId(ExportCommands.commandId(arn, rule));
            } else {
                metrics.exportRefused(rule);
                LOG.warn("export of {} by rule {} refused: its OutputUri would leave the allow-list {} (location {})",
                        arn, rule, settings.export().uris().map(OutputUriTemplate::allowedPrefixes).orElse(List.of()),
                        state.getLocation());
            }
            state = decided.build();
            changed = true;
        }
        if (!changed) {
            return; // nothing stored, nothing to emit: the indexes already describe this state
        }
        store.put(arn, state);
        String location = location(state);
        for (SessionTransition transition : outcome.transitions()) {
            context.forward(new Record<>(arn, (SpecificRecord) transition, time));
            metrics.transition(transition.getFrom(), transition.getTo(), location);
        }
        SessionTermination termination = outcome.termination();
        if (termination != null) {
            context.forward(new Record<>(arn, (SpecificRecord) termination, time));
            context.forward(new Record<>(location,
                    (SpecificRecord) new ErrorRateEvent(termination.getCategory(), null), time));
            metrics.termination(termination.getStatus(), termination.getReason(), termination.getCategory(), location);
            if (termination.getDurationMillis() != null) {
                metrics.sessionDuration(location, Duration.ofMillis(termination.getDurationMillis()));
            }
        }
        if (command != null) {
            context.forward(new Record<>(arn, command, time));
        }
        if (exportFinal != null) {
            emitExportFinal(arn, exportFinal, time);
        }
        if (outcome.timeToActive() != null) {
            metrics.timeToActive(location, outcome.timeToActive());
        }
        if (outcome.timeToConnect() != null) {
            metrics.timeToConnect(location, outcome.timeToConnect());
        }
        if (outcome.exportFilesStatus() != null) {
            metrics.exportFiles(outcome.exportFilesStatus());
        }
        index(arn, before, state);
    }

    private void index(String arn, SessionState before, SessionState after) {
        boolean countedBefore = before != null && !before.getEnded();
        boolean countAfter = !after.getEnded();
        if (countedBefore && (!countAfter || !before.getStatus().equals(after.getStatus())
                || !location(before).equals(location(after)))) {
            countSession(before, -1);
            countedBefore = false;
        }
        if (countAfter && !countedBefore) {
            countSession(after, 1);
        }
        GroupTracking group = group(after.getStreamGroupId());
        if (after.getEnded()) {
            group.untrack(arn);
            if (before == null || !before.getEnded()) {
                scheduleDeletion(arn, after);
            }
        } else {
            group.track(arn);
        }
        if (after.getEnded() && !after.getTerminationEmitted()) {
            group.awaitReason(arn);
        } else {
            group.reasonSettled(arn);
        }
    }

    /** Punctuation (stream time): deletes ended sessions whose retention ran out. */
    private void deleteExpired(long now) {
        int deleted = 0;
        for (String arn : endedSchedule.due(now)) {
            SessionState state = store.get(arn);
            if (state == null || !state.getEnded() || state.getEndObservedAt() == null
                    || deleteAt(state) > now) {
                continue; // came back, or ended again later: another entry covers it
            }
            if (!state.getTerminationEmitted()) {
                apply(arn, state, lifecycle.onReasonWaitOver(arn, state), now);
                state = store.get(arn);
            }
            ExportResult exportFinal = ExportFinals.ofGone(arn, state, now);
            if (exportFinal != null) {
                emitExportFinal(arn, exportFinal, now);
            }
            store.delete(arn);
            GroupTracking group = groups.get(state.getStreamGroupId());
            if (group != null) {
                group.reasonSettled(arn);
                if (group.isEmpty()) {
                    groups.remove(state.getStreamGroupId());
                }
            }
            deleted++;
        }
        if (deleted > 0) {
            LOG.debug("task {}: deleted {} ended sessions past their retention", context.taskId(), deleted);
        }
    }

    private void emitExportFinal(String arn, ExportResult exportFinal, long time) {
        context.forward(new Record<>(arn, (SpecificRecord) exportFinal, time));
        Duration sinceIssued = exportFinal.getIssuedAt() == null ? null
                : Duration.ofMillis(Math.max(0, time - exportFinal.getIssuedAt().toEpochMilli()));
        metrics.exportFinal(exportFinal.getRule(), exportFinal.getOutcome(), sinceIssued);
    }

    private void refreshHotLocations() {
        if (!settings.export().enabled(ExportRule.LOCATION_ERROR_RATE)) {
            return;
        }
        ReadOnlyKeyValueStore<String, ?> live = context.getStateStore(settings.liveRatesStore());
        Set<String> hot = new HashSet<>();
        ExportSettings export = settings.export();
        try (KeyValueIterator<String, ?> all = live.all()) {
            while (all.hasNext()) {
                Object value = all.next().value;
                LocationErrorRate rate = value instanceof ValueAndTimestamp<?> vt
                        ? (LocationErrorRate) vt.value()
                        : (LocationErrorRate) value;
                // the minimum counts the terminations the ratio is taken over: UNKNOWN ones do not
                // make a handful of known errors a high ratio
                if (rate != null && rate.getWindow().equals(export.errorRateWindow().name())
                        && lifecycle.categories().ratioBase(rate.getTerminations(), rate.getUnknown())
                                >= export.errorRateMinTerminations()
                        && rate.getErrorRatio() >= export.errorRateThreshold()) {
                    hot.add(rate.getLocation());
                }
            }
        }
        if (!hot.equals(exportRules.hotLocations())) {
            LOG.info("task {}: locations at or above the export error-rate threshold: {}", context.taskId(), hot);
        }
        exportRules.hotLocations(hot);
    }

    private void deadLetter(String key, byte[] value, String why, long time) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? "unknown" : meta.topic();
        int partition = meta == null ? -1 : meta.partition();
        long offset = meta == null ? -1 : meta.offset();
        LOG.warn("dead-lettering record {}-{}@{}: {}", topic, partition, offset, why);
        metrics.deadLetter(DeadLetters.INVALID_RECORD);
        DeadLetters.Bounded bounded = DeadLetters.bound(
                key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value, why,
                DeadLetters.DEFAULT_MAX_ORIGINAL_BYTES);
        String recordKey = bounded.recordKey() == null ? null : key;
        context.forward(new Record<>(recordKey, (SpecificRecord) DeadLetters.of(topic, partition, offset,
                bounded.key(), bounded.value(), DeadLetters.INVALID_RECORD, bounded.detail(),
                settings.clock().instant()), time));
    }

    private String currentTopic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
    }

    private GroupTracking group(String streamGroupId) {
        return groups.computeIfAbsent(streamGroupId, g -> new GroupTracking());
    }

    private void scheduleDeletion(String arn, SessionState state) {
        if (state.getEndObservedAt() != null) {
            endedSchedule.add(arn, deleteAt(state));
        }
    }

    private long deleteAt(SessionState state) {
        return state.getEndObservedAt().toEpochMilli() + settings.endedRetention().toMillis();
    }

    private void countSession(SessionState state, long delta) {
        gauges.sessions(state.getStatus(), location(state), state.getStreamGroupId(), delta);
    }

    private void raiseApiHighWater(Instant lastUpdatedAt) {
        if (lastUpdatedAt != null && (apiHighWater == null || lastUpdatedAt.isAfter(apiHighWater))) {
            apiHighWater = lastUpdatedAt;
        }
    }

    static String location(SessionState state) {
        return state.getLocation() == null ? UNKNOWN_LOCATION : state.getLocation();
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
    }
}
