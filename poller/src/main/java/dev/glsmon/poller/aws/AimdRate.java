package dev.glsmon.poller.aws;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How much of its share of the budget one operation may use now, as a fraction of that share:
 * additive increase, multiplicative decrease (AIMD), the rule that lets instances sharing one
 * budget back off together when the service pushes back and then converge on their shares again.
 *
 * <ul>
 *   <li>A throttle halves the fraction, never below {@link #FLOOR}. Requests already in flight
 *       when the service started refusing come back throttled too, within about a round trip:
 *       only the first throttle of a {@link #HOLD} window counts, so one burst lowers the rate once.
 *   <li>Every second without a throttle adds {@link #INCREASE_PER_SECOND} of the share, up to the
 *       whole share: from the floor it is back in under 20 s.
 * </ul>
 *
 * <p>The fraction grows with time, not with calls, so an idle operation recovers as fast as a busy
 * one. Pure: the clock is given.
 */
public final class AimdRate {

    static final double DECREASE = 0.5;
    static final double FLOOR = 0.05;
    static final double INCREASE_PER_SECOND = 0.05;
    static final Duration HOLD = Duration.ofSeconds(1);

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final LongSupplier nanoTime;
    private double fractionAtChange = 1.0;
    private long changedAt;
    private boolean everDecreased;
    private long decreasedAt;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}, a fake in tests) */
    public AimdRate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.changedAt = nanoTime.getAsLong();
    }

    /** The fraction of the share usable now, in {@code [FLOOR, 1]}. */
    public synchronized double fraction() {
        return fractionAt(nanoTime.getAsLong());
    }

    /**
     * The service throttled a request of this operation.
     *
     * @return true if that lowered the rate, false if a throttle of the same window already did
     */
    public synchronized boolean throttled() {
        long now = nanoTime.getAsLong();
        if (everDecreased && now - decreasedAt < HOLD.toNanos()) {
            return false;
        }
        fractionAtChange = Math.max(FLOOR, fractionAt(now) * DECREASE);
        changedAt = now;
        decreasedAt = now;
        everDecreased = true;
        return true;
    }

    private double fractionAt(long now) {
        double seconds = Math.max(0, now - changedAt) / NANOS_PER_SECOND;
        return Math.min(1.0, fractionAtChange + INCREASE_PER_SECOND * seconds);
    }
}
