package dev.glsmon.poller.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command ids whose result is in the export-results topic, bounded: the oldest ids leave first.
 * Filled from the results topic when command partitions are assigned and as results are written.
 * The bound only matters for a replay of very old commands: commands are kept 7 days, results 30.
 */
public final class ExecutedCommands {

    private final Map<String, Boolean> ids;

    public ExecutedCommands(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean contains(String commandId) {
        return ids.containsKey(commandId);
    }

    public synchronized void add(String commandId) {
        ids.put(commandId, Boolean.TRUE);
    }

    public synchronized int size() {
        return ids.size();
    }
}
