package dev.glsmon.processor.session;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * In-memory, per task: when each ended session's retention runs out. Entries are hints, checked
 * against the store when due (a session may have come back or ended again since), so duplicates
 * and stale entries are harmless. Rebuilt from the store when the task starts.
 */
final class EndedSchedule {

    private record Entry(long deleteAt, String arn) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.deleteAt, b.deleteAt));

    void add(String arn, long deleteAt) {
        queue.add(new Entry(deleteAt, arn));
    }

    /** Removes and returns the sessions due at {@code now}. */
    List<String> due(long now) {
        List<String> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().deleteAt <= now) {
            due.add(queue.poll().arn);
        }
        return due;
    }

    int size() {
        return queue.size();
    }
}
