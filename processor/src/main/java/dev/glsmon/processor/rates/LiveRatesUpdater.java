package dev.glsmon.processor.rates;

import dev.glsmon.schemas.LocationErrorRate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global live-rates store equal to its topic: every instance sees every location's live ratio. */
public final class LiveRatesUpdater implements Processor<String, LocationErrorRate, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, LocationErrorRate> store;

    public LiveRatesUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, LocationErrorRate> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
