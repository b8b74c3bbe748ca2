package dev.glsmon.simulator;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every API request received. Counters are exact and cost constant memory; the records themselves
 * are kept up to a capacity (oldest dropped first), or not at all in counter-only mode (capacity 0),
 * so a long run stays within bounded memory.
 */
public final class RequestLog {

    private record Key(ApiOperation operation, int httpStatus) {}

    private final int capacity;
    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();
    private final ArrayDeque<RequestRecord> records = new ArrayDeque<>();
    private final LongAdder total = new LongAdder();

    RequestLog(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("request log capacity must be >= 0");
        }
        this.capacity = capacity;
    }

    /** Requests of one operation, whatever the outcome. */
    public long count(ApiOperation operation) {
        long sum = 0;
        for (Map.Entry<Key, LongAdder> e : counters.entrySet()) {
            if (e.getKey().operation() == operation) {
                sum += e.getValue().sum();
            }
        }
        return sum;
    }

    /** Requests of one operation answered with one HTTP status. */
    public long count(ApiOperation operation, int httpStatus) {
        LongAdder counter = counters.get(new Key(operation, httpStatus));
        return counter == null ? 0 : counter.sum();
    }

    /** All requests, including those that matched no operation. */
    public long total() {
        return total.sum();
    }

    /** Request counts by operation (operations without requests are absent). */
    public Map<ApiOperation, Long> counts() {
        Map<ApiOperation, Long> counts = new EnumMap<>(ApiOperation.class);
        counters.forEach((key, counter) -> {
            if (key.operation() != null) {
                counts.merge(key.operation(), counter.sum(), Long::sum);
            }
        });
        return counts;
    }

    /** The records still held, oldest first (empty in counter-only mode). */
    public synchronized List<RequestRecord> records() {
        return List.copyOf(records);
    }

    /** Forgets every count and record. */
    public synchronized void reset() {
        counters.clear();
        records.clear();
        total.reset();
    }

    synchronized void record(RequestRecord record) {
        total.increment();
        counters.computeIfAbsent(new Key(record.operation(), record.httpStatus()), k -> new LongAdder()).increment();
        if (capacity > 0) {
            if (records.size() == capacity) {
                records.removeFirst();
            }
            records.addLast(record);
        }
    }
}
