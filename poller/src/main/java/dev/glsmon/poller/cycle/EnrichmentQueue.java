package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GetStreamSession calls still needed, at most one per session, most important first
 * (termination reasons, then export details, then sessions missing from a complete listing; in
 * arrival order within a kind), bounded: when full, a request ranks against the least important
 * queued one and the loser is dropped. A dropped request is not lost for good: the cycle that next
 * meets its session asks again, since nothing was learned.
 */
final class EnrichmentQueue {

    /** One session's Get, and why. */
    record Request(Enrichment why, String streamGroupId, String arn, String sessionId, String cycleId,
            SessionSnapshot last) {}

    private record Entry(Request request, long seq) {}

    private static final Comparator<Entry> ORDER =
            Comparator.<Entry>comparingInt(e -> e.request().why().ordinal()).thenComparingLong(Entry::seq);

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final TreeSet<Entry> queued = new TreeSet<>(ORDER);
    private final Map<String, Entry> byArn = new HashMap<>();
    /** Sessions taken by a worker and not yet answered: still pending for the cycles. */
    private final Map<String, Request> inFlight = new HashMap<>();
    private long seq;

    EnrichmentQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Queues a request unless one for the session is pending (queued or in flight); a more
     * important one replaces a queued less important one.
     *
     * @return the request dropped to stay within capacity (possibly this one), if any
     */
    Optional<Request> offer(Request request) {
        lock.lock();
        try {
            if (inFlight.containsKey(request.arn())) {
                return Optional.empty();
            }
            Entry existing = byArn.get(request.arn());
            if (existing != null) {
                if (request.why().ordinal() >= existing.request().why().ordinal()) {
                    return Optional.empty();
                }
                queued.remove(existing);
                byArn.remove(request.arn());
            }
            Entry entry = new Entry(request, seq++);
            Request dropped = null;
            if (queued.size() >= capacity) {
                Entry last = queued.last();
                if (ORDER.compare(entry, last) > 0) {
                    return Optional.of(request); // the queue holds only more important (or older equal) work
                }
                queued.pollLast();
                byArn.remove(last.request().arn());
                dropped = last.request();
            }
            queued.add(entry);
            byArn.put(request.arn(), entry);
            notEmpty.signal();
            return Optional.ofNullable(dropped);
        } finally {
            lock.unlock();
        }
    }

    /** The most important request, waiting up to the timeout; it stays pending until {@link #done}. */
    Optional<Request> take(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (queued.isEmpty()) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Entry first = queued.pollFirst();
            byArn.remove(first.request().arn());
            inFlight.put(first.request().arn(), first.request());
            return Optional.of(first.request());
        } finally {
            lock.unlock();
        }
    }

    /** The request's answer was handled (published, or failed and left to the next cycle). */
    void done(Request request) {
        lock.lock();
        try {
            inFlight.remove(request.arn());
            if (queued.isEmpty() && inFlight.isEmpty()) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether a Get for the session is queued or in flight. */
    boolean pending(String arn) {
        lock.lock();
        try {
            return byArn.containsKey(arn) || inFlight.containsKey(arn);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return queued.size() + inFlight.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is queued or in flight; false at the timeout. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!queued.isEmpty() || !inFlight.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
