package dev.glsmon.simulator.http;

import dev.glsmon.simulator.ApiOperation;
import java.util.EnumMap;
import java.util.Map;

/**
 * The service's per-account rate limits as token buckets, one per operation, refilled on wall time
 * (rate limits concern real requests, whatever the virtual time scale). The burst equals one
 * second's worth of requests.
 */
final class RateLimiter {

    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long lastNanos;

        Bucket(double rate, long nowNanos) {
            this.rate = rate;
            this.tokens = rate;
            this.lastNanos = nowNanos;
        }

        synchronized boolean tryTake(long nowNanos) {
            tokens = Math.min(rate, tokens + (nowNanos - lastNanos) / 1e9 * rate);
            lastNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final Map<ApiOperation, Bucket> buckets = new EnumMap<>(ApiOperation.class);

    RateLimiter() {
        long now = System.nanoTime();
        for (ApiOperation op : ApiOperation.values()) {
            buckets.put(op, new Bucket(op.ratePerSecond(), now));
        }
    }

    boolean tryAcquire(ApiOperation operation) {
        return buckets.get(operation).tryTake(System.nanoTime());
    }
}
