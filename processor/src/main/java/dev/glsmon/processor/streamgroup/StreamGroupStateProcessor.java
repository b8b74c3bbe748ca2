package dev.glsmon.processor.streamgroup;

import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.StreamGroupTransition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the last snapshot of each stream group (key: group id), emits the transitions to the new one
 * and sets the group's capacity and status gauges. A tombstone forgets the group and its gauges.
 */
public final class StreamGroupStateProcessor implements Processor<String, StreamGroupSnapshot, String, StreamGroupTransition> {

    private final String storeName;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, StreamGroupTransition> context;
    private KeyValueStore<String, StreamGroupSnapshot> store;
    private ProcessorMetrics.StreamGroupGauges gauges;

    public StreamGroupStateProcessor(String storeName, ProcessorMetrics metrics) {
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, StreamGroupTransition> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.gauges = metrics.streamGroupGauges(context.taskId().toString());
        try (KeyValueIterator<String, StreamGroupSnapshot> all = store.all()) {
            all.forEachRemaining(entry -> gauges.state(entry.value));
        }
    }

    @Override
    public void process(Record<String, StreamGroupSnapshot> record) {
        if (record.key() == null) {
            return; // keyed by group id by contract; nothing to attribute it to
        }
        StreamGroupSnapshot previous = store.get(record.key());
        StreamGroupSnapshot next = record.value();
        if (next == null) {
            store.delete(record.key());
            gauges.removed(record.key());
            return;
        }
        if (StreamGroupChanges.isStale(previous, next)) {
            metrics.staleSnapshot();
            return;
        }
        for (StreamGroupTransition t : StreamGroupChanges.between(previous, next)) {
            metrics.streamGroupTransition(t.getLocation() == null ? "group" : "location", t.getFrom(), t.getTo());
            context.forward(record.withValue(t).withTimestamp(t.getObservedAt().toEpochMilli()));
        }
        store.put(record.key(), next);
        gauges.state(next);
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
    }
}
