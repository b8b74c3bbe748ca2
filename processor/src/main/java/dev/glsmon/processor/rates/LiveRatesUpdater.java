package dev.glsmon.processor.rates;

import dev.glsmon.schemas.LocationErrorRate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Keeps the global live-rates store equal to its topic: every instance sees every location's live ratio. */
public final class LiveRatesUpdater implements Processor<String, LocationErrorRate, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, LocationErrorRate> store;

    public LiveRatesUpdater(String storeName) {
        this.storeName = storeName;
    }

    /**
     * Every location's live rates as a processor reads the global store (its values may come
     * wrapped with their timestamps).
     */
    public static List<LocationErrorRate> all(ReadOnlyKeyValueStore<String, ?> store) {
        List<LocationErrorRate> rates = new ArrayList<>();
        try (KeyValueIterator<String, ?> all = store.all()) {
            all.forEachRemaining(entry -> rates.add((LocationErrorRate)
                    (entry.value instanceof ValueAndTimestamp<?> timed ? timed.value() : entry.value)));
        }
        return rates;
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
