package dev.glsmon.poller.aws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket that keeps one operation's request rate below a limit. {@link #acquire(Duration)}
 * reserves the next free slot and waits for it outside the lock, so callers are served in arrival
 * order and the long-run rate never exceeds {@code ratePerSecond}.
 *
 * <p>Tokens may go negative: a reservation made while the bucket is empty pushes the next caller's
 * slot further out, which is what spaces concurrent callers evenly.
 *
 * <p>The rate can change while callers wait ({@link #ratePerSecond(double)}): the account-wide
 * budget is shared and lowered after throttling, so the pace of one instance moves.
 */
public final class TokenBucket {

    /** Waits for a number of nanoseconds; a fake in tests, a real sleep in production. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private double ratePerSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    /**
     * @param ratePerSecond sustained rate, > 0
     * @param burst tokens the bucket holds when idle, >= 1 (1 = strict spacing)
     */
    public TokenBucket(double ratePerSecond, double burst, LongSupplier nanoTime, Sleeper sleeper) {
        requirePositive(ratePerSecond);
        if (!(burst >= 1)) {
            throw new IllegalArgumentException("burst must be >= 1, was " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = burst;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** A bucket on the system clock that really waits. */
    public static TokenBucket perSecond(double ratePerSecond) {
        // The wait is the point of a rate limiter: a bounded, computed wait, not a polling loop.
        return new TokenBucket(ratePerSecond, 1, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public synchronized double ratePerSecond() {
        return ratePerSecond;
    }

    /**
     * Paces every later reservation at {@code newRate}. Slots already reserved keep their time and the
     * next caller queues one new interval behind the last of them, so callers are still served in
     * arrival order: a raised rate never lets a newcomer overtake a caller already waiting.
     */
    public synchronized void ratePerSecond(double newRate) {
        requirePositive(newRate);
        if (newRate == ratePerSecond) {
            return;
        }
        refill();
        if (tokens < 0) {
            // the debt is the time until the last reserved slot (-tokens / rate): keep that time
            tokens = tokens * newRate / ratePerSecond;
        }
        ratePerSecond = newRate;
    }

    /**
     * Takes one token, waiting up to {@code timeout} for it.
     *
     * @return false, having taken nothing, if the token would come later than {@code timeout}
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        long waitNanos = reserve(timeout.toNanos());
        if (waitNanos < 0) {
            return false;
        }
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
        return true;
    }

    /** Takes a token only if one is free now. */
    public synchronized boolean tryAcquire() {
        return reserve(0) == 0;
    }

    /** The wait until the reserved token is due, or -1 if that exceeds the limit (nothing reserved). */
    private synchronized long reserve(long maxWaitNanos) {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / ratePerSecond * NANOS_PER_SECOND);
        if (waitNanos > maxWaitNanos) {
            return -1;
        }
        tokens -= 1;
        return waitNanos;
    }

    private static void requirePositive(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number, was " + rate);
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / NANOS_PER_SECOND * ratePerSecond);
            refilledAt = now;
        }
    }
}
