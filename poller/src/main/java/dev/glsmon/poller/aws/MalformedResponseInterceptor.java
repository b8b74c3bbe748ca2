package dev.glsmon.poller.aws;

import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Counts answers the SDK could not read (a truncated or otherwise broken JSON body with a 2xx status)
 * in {@link MalformedResponses} with {@code kind="unparseable"}. The SDK's per-attempt
 * metrics record no error type for them, so {@link ApiCallMetricsPublisher} alone would count a
 * successful call.
 */
final class MalformedResponseInterceptor implements ExecutionInterceptor {

    private final MeterRegistry registry;

    MalformedResponseInterceptor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        boolean answered2xx = context.httpResponse().map(SdkHttpResponse::isSuccessful).orElse(false);
        if (answered2xx && context.exception() instanceof SdkClientException) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            MalformedResponses.counter(registry, operation == null ? "unknown" : operation,
                    MalformedResponses.UNPARSEABLE).increment();
        }
    }
}
