package dev.glsmon.processor.export;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.config.ExportSettings;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.ExportCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that lets export commands out. Every command of every partition comes here under one
 * key (a single-partition repartition topic: commands are rare, a few per minute), so two limits hold
 * for the whole application, not per task: LOCATION_ERROR_RATE commands per location and window
 * ({@code --export-error-rate-cap}), and commands of all rules per minute
 * ({@code --export-max-commands-per-minute}). What passes is re-keyed by session ARN; what does not is
 * counted and dropped. The counts live in a changelogged store, so a restart keeps them.
 */
public final class ExportAdmission implements Processor<String, ExportCommand, String, ExportCommand> {

    /** The one key every command is sent under. */
    public static final String KEY = "export-commands";
    static final String ALL = "all";
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
        Quota ceiling = Quota.read(quotas, ALL, Math.floorDiv(time, MINUTE));
        Quota location = null;
        if (ExportRule.LOCATION_ERROR_RATE.name().equals(command.getRule())) {
            String where = command.getLocation() == null ? "unknown" : command.getLocation();
            location = Quota.read(quotas, "location|" + where,
                    Math.floorDiv(time, settings.errorRateWindow().sizeMs()));
            if (location.used() >= settings.errorRateCap()) {
                suppress(command, "location_cap", location);
                return;
            }
        }
        if (ceiling.used() >= settings.maxCommandsPerMinute()) {
            suppress(command, "ceiling", ceiling);
            return;
        }
        ceiling.take(quotas);
        if (location != null) {
            location.take(quotas);
        }
        metrics.exportCommand(ExportRule.valueOf(command.getRule()));
        context.forward(record.withKey(command.getArn()));
    }

    private void suppress(ExportCommand command, String reason, Quota quota) {
        metrics.exportSuppressed(command.getRule(), reason);
        if (quota.used() == quota.firstSuppressionAt()) {
            LOG.warn("export commands held back ({}): {} reached {} in its period; further ones are counted only",
                    reason, quota.key(), quota.used());
        }
        quota.suppressed(quotas);
    }

    /** Commands let out for one key in its current period, and how many were held back after. */
    record Quota(String key, long period, int used, int held) {

        static Quota read(KeyValueStore<String, String> store, String key, long period) {
            String value = store.get(key);
            if (value != null) {
                String[] parts = value.split(":");
                if (Long.parseLong(parts[0]) == period) {
                    return new Quota(key, period, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            }
            return new Quota(key, period, 0, 0); // a new period: the old one's counts no longer matter
        }

        int firstSuppressionAt() {
            return held == 0 ? used : -1;
        }

        void take(KeyValueStore<String, String> store) {
            store.put(key, period + ":" + (used + 1) + ":" + held);
        }

        void suppressed(KeyValueStore<String, String> store) {
            store.put(key, period + ":" + used + ":" + (held + 1));
        }
    }
}
