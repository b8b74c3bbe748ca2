package dev.glsmon.poller.aws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's pace per API operation: its share of the account-wide budget, lowered after
 * throttling. The configured rates are the budget of the whole account, shared by every poller
 * instance and by the export executor (which calls through the same client). Each operation has a
 * {@link TokenBucket} whose rate is set before every call to
 * {@code budget x share x AIMD fraction} (at least {@link #MIN_RATE}), so a new share or a
 * recovery after throttling applies from the next request on.
 *
 * <p>Operations without a configured budget are not limited here (the SDK's retry strategy still
 * backs off on throttling).
 */
public final class RateLimits implements MeterBinder {

    /** Prometheus: {@code glsmon_poller_api_rate_limit_requests_per_second{operation}}. */
    public static final String RATE_GAUGE = "glsmon.poller.api.rate.limit.requests.per.second";

    /**
     * No operation is paced slower than this (nor above its budget): an instance with a tiny share,
     * or none yet, can still make the odd call instead of waiting minutes for a slot.
     */
    public static final double MIN_RATE = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

    private final Map<String, Pace> paces = new HashMap<>();
    private final DoubleSupplier share;
    private final Duration maxWait;

    /**
     * @param budgets account-wide requests per second per operation (an {@link ApiOperations} name)
     * @param share this instance's part of every budget, 0..1, read before every call
     */
    public RateLimits(Map<String, Double> budgets, DoubleSupplier share, Duration maxWait, LongSupplier nanoTime,
            TokenBucket.Sleeper sleeper) {
        this.share = share;
        this.maxWait = maxWait;
        budgets.forEach((operation, budget) -> paces.put(operation, new Pace(budget, new AimdRate(nanoTime),
                new TokenBucket(budget, 1, nanoTime, sleeper))));
    }

    /** On the system clock, really waiting. */
    public static RateLimits of(Map<String, Double> budgets, DoubleSupplier share, Duration maxWait) {
        // The wait is the point of a rate limiter: a bounded, computed wait, not a polling loop.
        return new RateLimits(budgets, share, maxWait, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** An instance that has the whole budget to itself. */
    public static RateLimits of(Map<String, Double> budgets, Duration maxWait) {
        return of(budgets, () -> 1.0, maxWait);
    }

    /**
     * Waits for the operation's next request slot at its current rate.
     *
     * @return false if no slot came within the configured maximum wait
     */
    public boolean acquire(String operation) throws InterruptedException {
        Pace pace = paces.get(operation);
        if (pace == null) {
            return true;
        }
        pace.bucket.ratePerSecond(rate(operation, pace));
        return pace.bucket.acquire(maxWait);
    }

    /** The service throttled a request (any attempt) of the operation: slow this instance down. */
    public void throttled(String operation) {
        Pace pace = paces.get(operation);
        if (pace == null || !pace.aimd.throttled()) {
            return;
        }
        if (pace.reduced.compareAndSet(false, true)) {
            LOG.info("{} throttled by the service: pacing at {}/s (share {} of the account's {}/s) until it recovers",
                    operation, round(rate(operation, pace)), round(share()), round(pace.budget));
        } else {
            LOG.debug("{} throttled again: pacing at {}/s", operation, round(rate(operation, pace)));
        }
    }

    /** The operation's pace now, in requests per second; NaN for an operation without a budget. */
    public double currentRate(String operation) {
        Pace pace = paces.get(operation);
        return pace == null ? Double.NaN : rate(operation, pace);
    }

    /** This instance's part of the budget now, 0..1. */
    public double share() {
        double value = share.getAsDouble();
        return Double.isNaN(value) ? 1.0 : Math.max(0, Math.min(1, value));
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** {@link #RATE_GAUGE} for every operation the poller calls, from the start. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (String operation : ApiOperations.ALL) {
            Gauge.builder(RATE_GAUGE, this, limits -> limits.currentRate(operation))
                    .description("Requests per second this instance allows itself now: its share of the account-wide "
                            + "budget, lowered after throttling")
                    .tag("operation", operation)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private double rate(String operation, Pace pace) {
        double fraction = pace.aimd.fraction();
        double rate = Math.max(pace.budget * share() * fraction, Math.min(MIN_RATE, pace.budget));
        if (fraction >= 1.0 && pace.reduced.compareAndSet(true, false)) {
            LOG.info("{} recovered: pacing at its share again, {}/s", operation, round(rate));
        }
        return rate;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** One operation's budget, throttling state and bucket. */
    private static final class Pace {
        final double budget;
        final AimdRate aimd;
        final TokenBucket bucket;
        final AtomicBoolean reduced = new AtomicBoolean();

        Pace(double budget, AimdRate aimd, TokenBucket bucket) {
            this.budget = budget;
            this.aimd = aimd;
            this.bucket = bucket;
        }
    }
}
