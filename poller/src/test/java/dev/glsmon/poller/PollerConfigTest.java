package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.common.config.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollerConfigTest {

    private static PollerConfig.Builder valid() {
        return PollerConfig.builder().bootstrapServers("k:9092").streamGroups(List.of("sg-1"));
    }

    @Test
    void streamGroupArnsBecomeIdsAndDuplicatesGo() {
        PollerConfig config = valid().streamGroups(List.of(" sg-1 ",
                "arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/sg-2", "sg-1", "")).build();

        assertThat(config.streamGroups()).containsExactly("sg-1", "sg-2");
    }

    @Test
    void aBadSettingNamesItsOption() {
        assertThatThrownBy(() -> valid().pageSize(0).build()).isInstanceOf(InvalidSettingException.class)
                .extracting(e -> ((InvalidSettingException) e).setting()).isEqualTo("page-size");
        assertThatThrownBy(() -> valid().pollInterval(Duration.ZERO).build())
                .hasMessageStartingWith("setting 'poll-interval': must be positive");
        assertThatThrownBy(() -> valid().minPollInterval(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("setting 'min-poll-interval': 'PT-1S' is negative");
        assertThatThrownBy(() -> valid().apiCallAttemptTimeout(Duration.ofMinutes(5)).build())
                .hasMessageStartingWith("setting 'api-call-attempt-timeout': must not exceed --api-call-timeout");
        assertThatThrownBy(() -> valid().endpointUrl("http://sim:8443/?x=1").build())
                .hasMessageStartingWith("setting 'endpoint-url'");
        assertThatThrownBy(() -> valid().streamGroups(List.of("arn:aws:s3:::bucket/x")).build())
                .hasMessageStartingWith("setting 'stream-groups'");
    }

    @Test
    void accountModeTakesNoGroupList() {
        assertThatThrownBy(() -> valid().mode(Mode.ACCOUNT).build()).hasMessageStartingWith("setting 'mode'");
        assertThat(PollerConfig.builder().bootstrapServers("k:9092").mode(Mode.ACCOUNT).build().pollInterval())
                .as("auto").isEmpty();
    }

    @Test
    void aFixedPollIntervalStaysAvailableToEmbeddingCode() {
        PollerConfig config = valid().pollInterval(Duration.ofMillis(250)).build();

        assertThat(config.pollInterval()).contains(Duration.ofMillis(250));
        assertThat(config.toBuilder().build().pollInterval()).contains(Duration.ofMillis(250));
        assertThat(config.toString()).contains("pollInterval=250ms");
        assertThat(valid().build().pollInterval()).as("auto by default").isEmpty();
    }

    @Test
    void theSummaryLeavesKafkaPropertyValuesOut() {
        PollerConfig config = valid().kafkaProperty("sasl.jaas.config", "password=hunter2").build();

        assertThat(config.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }

    @Test
    void theBuilderStartsFromTheTableAndKeepsWhatItIsGivenExactly() {
        PollerConfig defaults = valid().build();
        assertThat(defaults.fastLane()).isEqualTo(dev.glsmon.poller.config.FastLaneSettings.defaults());
        assertThat(defaults.rateLimits()).isEqualTo(PollerConfig.Builder.defaultRateLimits());
        assertThat(defaults.rateLimitMaxWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.httpBindAddress()).isEqualTo("0.0.0.0");

        dev.glsmon.poller.config.FastLaneSettings lane = new dev.glsmon.poller.config.FastLaneSettings(
                dev.glsmon.poller.config.FastLaneMode.ON, Duration.ofMillis(200), 0.3, List.of("ERROR"), Duration.ofNanos(1));
        PollerConfig config = valid().fastLane(lane).rateLimit("GetStreamSession", 2_000).replicationFactor((short) 2)
                .createTopics(false).build();
        assertThat(config.fastLane()).isEqualTo(lane);
        assertThat(config.toBuilder().build().fastLane()).isEqualTo(lane);
        assertThat(config.rateLimits()).containsEntry("GetStreamSession", 2_000.0);
        assertThat(config.replicationFactor()).contains((short) 2);
        assertThat(config.createTopics()).isFalse();
        assertThatThrownBy(() -> valid().rateLimit("DeleteEverything", 1)).hasMessageContaining("DeleteEverything");
    }
}
