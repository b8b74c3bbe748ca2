package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.PollerConfig;
import dev.glsmon.poller.RetryMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

class AwsClientFactoryTest {

    private static PollerConfig.Builder config() {
        return PollerConfig.builder().bootstrapServers("k:9092").streamGroups(List.of("sg-1")).region("eu-central-1");
    }

    @Test
    void usesTheSdkRetryStrategyWithTheConfiguredAttempts() {
        assertThat(AwsClientFactory.retryStrategy(config().maxAttempts(5).build()))
                .isInstanceOf(StandardRetryStrategy.class)
                .satisfies(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(5));
        assertThat(AwsClientFactory.retryStrategy(config().retryMode(RetryMode.ADAPTIVE).maxAttempts(3).build()))
                .isInstanceOf(AdaptiveRetryStrategy.class)
                .satisfies(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(3));
    }

    @Test
    void theConfiguredRegionWinsAndTheEndpointIsOverriddenOnlyWhenGiven() {
        AwsClientFactory aws = new AwsClientFactory(config().build(), null, new SimpleMeterRegistry());
        assertThat(aws.region().id()).isEqualTo("eu-central-1");
        try (GameLiftStreamsClient client = aws.create()) {
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
            assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
        AwsClientFactory simulator = new AwsClientFactory(config().endpointUrl("http://127.0.0.1:8443").build(), null,
                new SimpleMeterRegistry());
        try (GameLiftStreamsClient client = simulator.create()) {
            assertThat(client.serviceClientConfiguration().endpointOverride()).get().hasToString("http://127.0.0.1:8443");
        }
    }
}
