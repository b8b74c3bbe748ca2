package dev.glsmon.poller.aws;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Takes a token of the operation's bucket before every API call, so paginators, enrichment and
 * exports all stay under the per-operation limits without a wrapper at each call site.
 *
 * <p>It runs in {@code beforeExecution}: once per call, before the SDK starts the call's timeouts,
 * so waiting for a slot never counts against {@code apiCallTimeout}. Retries are paced by the SDK's
 * retry strategy (backoff), not by the bucket.
 */
public final class RateLimitingInterceptor implements ExecutionInterceptor {

    private final RateLimits limits;

    public RateLimitingInterceptor(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        try {
            if (!limits.acquire(operation)) {
                throw SdkClientException.create("no request slot for " + operation + " within "
                        + limits.maxWait().toMillis() + " ms (client-side rate limit)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("interrupted while waiting for a request slot for " + operation, e);
        }
    }
}
