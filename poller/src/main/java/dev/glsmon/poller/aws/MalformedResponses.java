package dev.glsmon.poller.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code glsmon_poller_malformed_responses_total{operation, kind}}: API answers glsmon could not use.
 * Defined at the SDK edge because two layers count into it: the client's interceptor counts bodies
 * the SDK could not read ({@link #UNPARSEABLE}), the cycles count answers that parsed but lack a
 * field they need (the other kinds).
 */
public final class MalformedResponses {

    /** A 2xx answer whose body the SDK could not read. */
    public static final String UNPARSEABLE = "unparseable";
    /** A listed item or a GetStreamSession answer without its ARN. */
    public static final String MISSING_ARN = "missing_arn";
    /** A listed item or a GetStreamSession answer without its status. */
    public static final String MISSING_STATUS = "missing_status";
    /** A listed session whose ARN names no stream group (account mode cannot place it). */
    public static final String NO_STREAM_GROUP = "no_stream_group";

    private MalformedResponses() {}

    public static Counter counter(MeterRegistry registry, String operation, String kind) {
        return Counter.builder("glsmon.poller.malformed.responses")
                .description("API answers glsmon could not use (unparseable, or without a field it needs), by operation and kind")
                .tag("operation", operation)
                .tag("kind", kind)
                .register(registry);
    }
}
