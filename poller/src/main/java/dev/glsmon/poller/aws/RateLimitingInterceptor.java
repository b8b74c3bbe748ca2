package dev.glsmon.poller.aws;

import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Takes a slot of the operation's pace before every API call, so paginators, enrichment and
 * exports all stay within this instance's share of the budget without a wrapper at each call site,
 * and tells the pace about every throttled attempt.
 *
 * <p>The slot is taken in {@code beforeExecution}: once per call, before the SDK starts the call's
 * timeouts, so waiting for a slot never counts against {@code apiCallTimeout}. Retries are paced by
 * the SDK's retry strategy (backoff), not by the bucket. Throttles are seen in
 * {@code afterTransmission}, which the SDK runs inside its retry loop: every attempt counts, at
 * once, not only when the call ends after its retries.
 */
public final class RateLimitingInterceptor implements ExecutionInterceptor {

    /** Error codes AWS uses for throttling (x-amzn-ErrorType), for services that answer them with 400. */
    static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "ThrottledException");

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

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (isThrottle(context.httpResponse())) {
            limits.throttled(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** HTTP 429, or a 400 whose error type is a throttling code (the body is not read here). */
    static boolean isThrottle(SdkHttpResponse response) {
        if (response.statusCode() == 429) {
            return true;
        }
        if (response.statusCode() != 400) {
            return false;
        }
        return response.firstMatchingHeader("x-amzn-ErrorType")
                .map(type -> type.split(":", 2)[0].trim())
                .map(THROTTLING_CODES::contains)
                .orElse(false);
    }
}
