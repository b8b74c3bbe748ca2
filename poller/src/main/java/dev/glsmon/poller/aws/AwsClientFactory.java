package dev.glsmon.poller.aws;

import dev.glsmon.poller.PollerConfig;
import dev.glsmon.poller.RetryMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClientBuilder;

/**
 * The one place that builds the poller's AWS client: one HTTP client implementation (Apache),
 * {@code endpointOverride} only when configured, call and attempt timeouts, the SDK's retry strategy
 * with its backoff (no retry loops of our own on top), the default credential and region chains,
 * the per-operation rate limiter and the API call metrics.
 */
public final class AwsClientFactory {

    private final PollerConfig config;
    private final AwsCredentialsProvider credentials;
    private final MeterRegistry registry;

    /**
     * @param credentials null for the SDK's default provider chain (environment, system properties,
     *     profile, container and instance roles)
     */
    public AwsClientFactory(PollerConfig config, AwsCredentialsProvider credentials, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = credentials;
        this.registry = Objects.requireNonNull(registry, "registry");
        SignerLogGuard.install(); // before any client signs a request
    }

    /** The configured Region, else the one the SDK's default chain finds. */
    public Region region() {
        if (config.region().isPresent()) {
            return Region.of(config.region().get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("no AWS Region configured: set --region (GLSMON_REGION) or AWS_REGION", e);
        }
    }

    /** A client that has the whole budget to itself (one instance, tests). */
    public GameLiftStreamsClient create() {
        return create(RateLimits.of(config.rateLimits(), config.rateLimitMaxWait()));
    }

    /** @param limits this instance's pace per operation; the client feeds it the throttles it meets */
    public GameLiftStreamsClient create(RateLimits limits) {
        GameLiftStreamsClientBuilder builder = GameLiftStreamsClient.builder()
                .region(region())
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(config.maxConnections())
                        .connectionTimeout(config.apiCallAttemptTimeout())
                        .socketTimeout(config.apiCallAttemptTimeout()))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(config.apiCallTimeout())
                        .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                        .retryStrategy(retryStrategy(config))
                        .addExecutionInterceptor(new RateLimitingInterceptor(limits))
                        .addExecutionInterceptor(new MalformedResponseInterceptor(registry))
                        .addExecutionInterceptor(new ListedStatusReasons())
                        .addExecutionInterceptor(new UnmodelledLocationCapacities())
                        .addMetricPublisher(new ApiCallMetricsPublisher(registry)));
        config.endpointUrl().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Standard or adaptive, with the configured attempts and backoff. Both retry throttling and 5xx;
     * throttling backs off from its own (longer) base delay.
     */
    static RetryStrategy retryStrategy(PollerConfig config) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.retryMaxBackoff());
        BackoffStrategy throttlingBackoff =
                BackoffStrategy.exponentialDelay(config.throttlingBaseDelay(), config.retryMaxBackoff());
        if (config.retryMode() == RetryMode.ADAPTIVE) {
            return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                    .maxAttempts(config.maxAttempts())
                    .backoffStrategy(backoff)
                    .throttlingBackoffStrategy(throttlingBackoff)
                    .build();
        }
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(throttlingBackoff)
                .build();
    }
}
