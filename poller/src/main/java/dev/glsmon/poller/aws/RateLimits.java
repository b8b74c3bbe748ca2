package dev.glsmon.poller.aws;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One token bucket per API operation. Operations without a configured rate are not limited here
 * (the SDK's retry strategy still backs off on throttling).
 */
public final class RateLimits {

    private final Map<String, TokenBucket> buckets;
    private final Duration maxWait;

    public RateLimits(Map<String, TokenBucket> buckets, Duration maxWait) {
        this.buckets = Map.copyOf(buckets);
        this.maxWait = maxWait;
    }

    /** Real buckets on the system clock for the given operations and rates (per second). */
    public static RateLimits of(Map<String, Double> ratesPerSecond, Duration maxWait) {
        Map<String, TokenBucket> buckets = new HashMap<>();
        ratesPerSecond.forEach((operation, rate) -> buckets.put(operation, TokenBucket.perSecond(rate)));
        return new RateLimits(buckets, maxWait);
    }

    /**
     * Waits for the operation's next request slot.
     *
     * @return false if no slot came within the configured maximum wait
     */
    public boolean acquire(String operation) throws InterruptedException {
        TokenBucket bucket = buckets.get(operation);
        return bucket == null || bucket.acquire(maxWait);
    }

    public Duration maxWait() {
        return maxWait;
    }
}
