package dev.glsmon.simulator.engine;

import java.util.PriorityQueue;

/**
 * Pending events ordered by (virtual time, sequence): the sequence breaks ties in scheduling order,
 * which keeps the simulation deterministic when two events fall on the same millisecond.
 */
final class EventQueue {

    private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long nextSeq;

    void schedule(long time, Runnable action) {
        queue.add(new Event(time, nextSeq++, action));
    }

    /** Runs, in order, every event due at or before {@code time}, including events they schedule. */
    void runUntil(long time, java.util.function.LongConsumer setNow) {
        Event next;
        while ((next = queue.peek()) != null && next.time <= time) {
            queue.poll();
            setNow.accept(next.time);
            next.action.run();
        }
    }

    int size() {
        return queue.size();
    }
}
