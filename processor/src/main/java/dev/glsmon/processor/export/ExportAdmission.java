package dev.glsmon.processor.export;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.config.ExportSettings;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.ExportCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that lets export commands out. Every command of every partition comes here under one
 * key (a single-partition repartition topic: commands are rare, a few per minute), so two limits hold
 * for the whole application, not per task: LOCATION_ERROR_RATE commands per location and window
 * ({@code --export-error-rate-cap}), and commands of all rules per minute
 * ({@code --export-max-commands-per-minute}), both by record time. What passes is re-keyed by session
 * ARN; what does not is counted and dropped. The counts live in a changelogged store, written in the
 * same exactly-once transaction as the command, so a restart neither forgets nor repeats one.
 *
 * <p>Candidates of several partitions arrive interleaved, so a period may be counted again after a
 * later one began: each period keeps its own count, for {@link #HORIZON} behind the newest command.
 * A candidate older than that is held back as {@code late} (its period's count is gone).
 */
public final class ExportAdmission implements Processor<String, ExportCommand, String, ExportCommand> {

    /** The one key every command is sent under. */
    public static final String KEY = "export-commands";
    /** How far behind the newest command's record time the counts are kept. */
    static final Duration HORIZON = Duration.ofHours(1);
    static final String CEILING = "ceiling";
    static final String LOCATION_CAP = "location_cap";
    static final String LATE = "late";
    /** Every reason a command may be held back for. */
    public static final List<String> REASONS = List.of(LOCATION_CAP, CEILING, LATE);
    private static final String NEWEST = "newest";
    private static final long MINUTE = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(ExportAdmission.class);

    private final ExportSettings settings;
    private final String storeName;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, ExportCommand> context;
    private KeyValueStore<String, String> quotas;

    public ExportAdmission(ExportSettings settings, String storeName, ProcessorMetrics metrics) {
        this.settings = settings;
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ExportCommand> context) {
        this.context = context;
        this.quotas = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ExportCommand> record) {
        ExportCommand command = record.value();
        if (command == null) {
            return;
        }
        long time = record.timestamp();
        if (time < advanceNewest(time) - HORIZON.toMillis()) {
            metrics.exportSuppressed(command.getRule(), LATE);
            LOG.warn("export command {} held back: its record time is more than {} behind the newest command",
                    command.getCommandId(), HORIZON);
            return;
        }
        Quota ceiling = Quota.read(quotas, "all", time, MINUTE);
        Quota location = null;
        if (ExportRule.LOCATION_ERROR_RATE.name().equals(command.getRule())) {
            String where = command.getLocation() == null ? "unknown" : command.getLocation();
            location = Quota.read(quotas, "location|" + where, time, settings.errorRateWindow().sizeMs());
            if (location.used() >= settings.errorRateCap()) {
                suppress(command, LOCATION_CAP, location);
                return;
            }
        }
        if (ceiling.used() >= settings.maxCommandsPerMinute()) {
            suppress(command, CEILING, ceiling);
            return;
        }
        ceiling.take(quotas);
        if (location != null) {
            location.take(quotas);
        }
        metrics.exportCommand(ExportRule.valueOf(command.getRule()));
        context.forward(record.withKey(command.getArn()));
    }

    /** @return the newest record time seen so far; counts that ended before its horizon are dropped */
    private long advanceNewest(long time) {
        String stored = quotas.get(NEWEST);
        long newest = stored == null ? Long.MIN_VALUE : Long.parseLong(stored);
        if (time <= newest) {
            return newest;
        }
        quotas.put(NEWEST, Long.toString(time));
        if (stored == null || Math.floorDiv(time, MINUTE) != Math.floorDiv(newest, MINUTE)) {
            forgetEndedBefore(time - HORIZON.toMillis()); // at most once a minute: the store holds a few hundred keys
        }
        return time;
    }

    private void forgetEndedBefore(long cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> all = quotas.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                if (!entry.key.equals(NEWEST) && Quota.end(entry.value) < cutoff) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(quotas::delete);
    }

    private void suppress(ExportCommand command, String reason, Quota quota) {
        metrics.exportSuppressed(command.getRule(), reason);
        if (quota.held() == 0) {
            LOG.warn("export commands held back ({}): {} reached {} in its period; further ones are counted only",
                    reason, quota.key(), quota.used());
        }
        quota.suppressed(quotas);
    }

    /** Commands let out for one scope in one period (store key {@code scope|periodStart}), and how many were held back. */
    record Quota(String key, long end, int used, int held) {

        static Quota read(KeyValueStore<String, String> store, String scope, long time, long periodMs) {
            long start = Math.floorDiv(time, periodMs) * periodMs;
            String key = scope + "|" + start;
            String value = store.get(key);
            if (value == null) {
                return new Quota(key, start + periodMs, 0, 0);
            }
            String[] parts = value.split(":");
            return new Quota(key, Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }

        static long end(String value) {
            return Long.parseLong(value.substring(0, value.indexOf(':')));
        }

        void take(KeyValueStore<String, String> store) {
            store.put(key, end + ":" + (used + 1) + ":" + held);
        }

        void suppressed(KeyValueStore<String, String> store) {
            store.put(key, end + ":" + used + ":" + (held + 1));
        }
    }
}
