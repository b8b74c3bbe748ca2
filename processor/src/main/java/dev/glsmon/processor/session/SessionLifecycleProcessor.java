package dev.glsmon.processor.session;

import dev.glsmon.processor.config.ExportSettings;
import dev.glsmon.processor.errors.InvalidRecords;
import dev.glsmon.processor.export.ExportFinals;
import dev.glsmon.processor.export.ExportRules;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.metrics.SessionMetrics;
import dev.glsmon.processor.rates.Heartbeats;
import dev.glsmon.processor.rates.LiveRatesUpdater;
import dev.glsmon.schemas.ErrorRateEvent;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's sessions on Kafka Streams: reads snapshots and poll-cycle markers of its partition,
 * keeps each session's state in the store, and forwards transitions, terminations, error-rate
 * events, export commands, FINAL export results and dead letters (all as values of one output
 * stream, split by type downstream). The rules are elsewhere: {@link SnapshotCheck} (odd input),
 * {@link SessionLifecycle} (one input, one session), {@link GroupSweeps} (what markers and stream
 * time settle: VANISHED, reason waits, retention) and {@link ExportRules} (export decisions).
 *
 * <p>The store is read for every snapshot and written only when something changed.
 */
public final class SessionLifecycleProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycleProcessor.class);

    /** What the processor needs from the configuration, as one value. */
    public record Settings(SessionLifecycle lifecycle, SnapshotCheck check, ExportSettings export, int vanishCycles,
            Duration cleanupInterval, String sessionsStore, String liveRatesStore, ProcessorMetrics metrics,
            Clock clock) {}

    private final Settings settings;
    private final ProcessorMetrics metrics;
    private final GroupSweeps sweeps;
    private final InvalidRecords invalidRecords;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SessionState> store;
    private ExportRules exportRules;
    private SessionMetrics sessionMetrics;
    private Heartbeats heartbeats;

    public SessionLifecycleProcessor(Settings settings) {
        this.settings = settings;
        this.metrics = settings.metrics();
        this.sweeps = new GroupSweeps(settings.lifecycle(), settings.vanishCycles());
        this.invalidRecords = new InvalidRecords(settings.clock(), metrics);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(settings.sessionsStore());
        this.exportRules = new ExportRules(settings.export(), settings.lifecycle().categories());
        this.sessionMetrics = new SessionMetrics(metrics, context.taskId().toString());
        this.heartbeats = new Heartbeats(context.taskId().partition());
        int sessions = 0;
        try (KeyValueIterator<String, SessionState> all = store.all()) {
            for (; all.hasNext(); sessions++) {
                var entry = all.next();
                sweeps.restore(entry.key, entry.value);
                sessionMetrics.restored(entry.value);
                exportRules.restore(entry.value);
            }
        }
        refreshHotLocations();
        context.schedule(settings.cleanupInterval(), PunctuationType.STREAM_TIME, this::deleteExpired);
        LOG.info("task {}: {} sessions in the store, {} stream groups tracked", context.taskId(), sessions,
                sweeps.groups());
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
        sweeps.received(raw);
        SnapshotCheck.Result checked = settings.check().check(key, raw, time);
        if (!checked.valid()) {
            context.forward(invalidRecords.letter(context.recordMetadata(), key, raw, checked.invalid(), time));
            return;
        }
        checked.repairs().forEach(metrics::oddSnapshot);
        SessionSnapshot snapshot = checked.snapshot();
        GroupSweeps.Settled settled = sweeps.onSnapshot(snapshot, exportRules.hotLocations().isEmpty(), store::get, time);
        if (settled == null) {
            return; // the snapshot applied last time, again: it cannot change anything, skip the store
        }
        if (!sessionMetrics.ignored(settled.outcome())) {
            apply(settled, time, ExportFinals.of(settled.arn(), settled.outcome().state(), snapshot, time));
        }
    }

    private void onCycle(String key, PollCycle cycle, long time) {
        String invalid = settings.check().checkCycle(cycle);
        if (invalid != null) {
            context.forward(invalidRecords.letter(context.recordMetadata(), key, cycle, invalid, time));
            return;
        }
        GroupSweeps.CycleSettled settled = sweeps.onCycle(cycle, time, store::get);
        if (settled.overtook()) {
            metrics.markerBeforeSnapshots();
        }
        settled.settled().forEach(session -> apply(session, time, null));
        ErrorRateEvent tick = heartbeats.tick(time);
        if (tick != null) {
            forward(cycle.getStreamGroupId(), tick, time);
        }
        refreshHotLocations();
    }

    /**
     * Stores the outcome with the export decision (and a FINAL result) folded in and forwards its
     * records; returns the session's state in the store now.
     */
    private SessionState apply(GroupSweeps.Settled session, long time, ExportResult exportFinal) {
        String arn = session.arn();
        ExportRules.Folded folded = exportRules.fold(arn, session.outcome(), exportFinal, time);
        if (!folded.changed()) {
            return session.before(); // nothing stored, nothing to emit: the tracking already describes this state
        }
        store.put(arn, folded.state());
        session.outcome().records(arn).forEach(out -> forward(out.getKey(), out.getValue(), time));
        folded.records().forEach(out -> forward(arn, out, time));
        sessionMetrics.applied(session.before(), session.outcome(), folded, time);
        sweeps.stored(arn, session.before(), folded.state());
        return folded.state();
    }

    /** Punctuation (stream time): deletes ended sessions whose retention ran out. */
    private void deleteExpired(long now) {
        List<GroupSweeps.Settled> expired = sweeps.expire(now, store::get);
        for (GroupSweeps.Settled session : expired) {
            ExportResult gone = ExportFinals.ofGone(session.arn(), apply(session, now, null), now);
            if (gone != null) {
                forward(session.arn(), gone, now);
                sessionMetrics.exportFinal(gone, now);
            }
            store.delete(session.arn());
        }
        if (!expired.isEmpty()) {
            LOG.debug("task {}: deleted {} ended sessions past their retention", context.taskId(), expired.size());
        }
    }

    private void forward(String key, SpecificRecord value, long time) {
        context.forward(new Record<>(key, value, time));
    }

    private void refreshHotLocations() {
        ReadOnlyKeyValueStore<String, ?> live = context.getStateStore(settings.liveRatesStore());
        if (exportRules.watchesErrorRates() && exportRules.hotLocations(LiveRatesUpdater.all(live))) {
            LOG.info("task {}: locations at or above the export error-rate threshold: {}", context.taskId(),
                    exportRules.hotLocations());
        }
    }

    @Override
    public void close() {
        if (sessionMetrics != null) {
            sessionMetrics.close();
        }
    }
}
