package dev.glsmon.poller.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.SdkMetric;

/**
 * Turns the SDK's per-call metric collections into {@code glsmon_poller_api_calls_total{operation,outcome}}
 * and {@code glsmon_poller_api_call_seconds{operation}}, one observation per attempt: retries are
 * counted, which is what the service's rate limit counts too.
 *
 * <p>Every operation the poller calls has its call counters of the outcomes alerts and dashboards
 * read at 0 from the start: a series that appears with its first event at 1 hides that event from
 * {@code rate()}, so the first throttled call after a start would not count.
 */
public final class ApiCallMetricsPublisher implements MetricPublisher {

    public static final String CALLS = "glsmon.poller.api.calls";
    public static final String CALL_SECONDS = "glsmon.poller.api.call";
    private static final String ATTEMPT = "ApiCallAttempt";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Outcomes registered at 0 for every operation; the others appear with their first call. */
    static final List<String> OUTCOMES_FROM_START =
            List.of(ApiOutcome.SUCCESS, ApiOutcome.THROTTLED, ApiOutcome.SERVER_ERROR, ApiOutcome.CLIENT_ERROR);

    public ApiCallMetricsPublisher(MeterRegistry registry) {
        this.registry = registry;
        for (String operation : ApiOperations.ALL) {
            OUTCOMES_FROM_START.forEach(outcome -> counter(operation, outcome));
        }
    }

    @Override
    public void publish(MetricCollection call) {
        String operation = first(call, CoreMetric.OPERATION_NAME);
        if (operation == null) {
            operation = "unknown";
        }
        boolean sawAttempt = false;
        for (MetricCollection child : call.children()) {
            if (!ATTEMPT.equals(child.name())) {
                continue;
            }
            sawAttempt = true;
            Integer status = deepFirst(child, HttpMetric.HTTP_STATUS_CODE);
            String errorType = deepFirst(child, CoreMetric.ERROR_TYPE);
            counter(operation, ApiOutcome.classify(status, errorType)).increment();
            Duration duration = deepFirst(child, CoreMetric.SERVICE_CALL_DURATION);
            if (duration != null) {
                timer(operation).record(duration);
            }
        }
        if (!sawAttempt) {
            // failed before any attempt (e.g. no request slot from the client-side rate limiter)
            counter(operation, ApiOutcome.OTHER).increment();
        }
    }

    @Override
    public void close() {
        // meters belong to the registry
    }

    private Counter counter(String operation, String outcome) {
        return counters.computeIfAbsent(operation + '\u0000' + outcome, key -> Counter.builder(CALLS)
                .description("GameLift Streams API call attempts by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry));
    }

    private Timer timer(String operation) {
        return timers.computeIfAbsent(operation, key -> Timer.builder(CALL_SECONDS)
                .description("Duration of one GameLift Streams API call attempt (request sent to response received)")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .register(registry));
    }

    private static <T> T first(MetricCollection collection, SdkMetric<T> metric) {
        List<T> values = collection.metricValues(metric);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The attempt's own value, else one recorded by a child collection (the HTTP client's). */
    private static <T> T deepFirst(MetricCollection collection, SdkMetric<T> metric) {
        T value = first(collection, metric);
        if (value != null) {
            return value;
        }
        for (MetricCollection child : collection.children()) {
            value = deepFirst(child, metric);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
