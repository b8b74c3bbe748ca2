package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AimdRateTest {

    private long now = 5_000_000_000L;
    private final AimdRate rate = new AimdRate(() -> now);

    private void advance(Duration duration) {
        now += duration.toNanos();
    }

    @Test
    void startsAtTheWholeShare() {
        assertThat(rate.fraction()).isEqualTo(1.0);
        advance(Duration.ofMinutes(5));
        assertThat(rate.fraction()).as("never above the share").isEqualTo(1.0);
    }

    @Test
    void aThrottleHalvesTheRate() {
        assertThat(rate.throttled()).isTrue();

        assertThat(rate.fraction()).isEqualTo(0.5);
    }

    @Test
    void aBurstOfThrottlesWithinOneSecondCountsOnce() {
        rate.throttled();
        for (int i = 0; i < 20; i++) {
            advance(Duration.ofMillis(45));
            assertThat(rate.throttled()).isFalse();
        }

        assertThat(rate.fraction()).isCloseTo(0.5 + 0.05 * 0.9, offset(1e-9));
    }

    @Test
    void aThrottleAfterTheWindowHalvesAgainFromWhereTheRateHadClimbed() {
        rate.throttled();
        advance(Duration.ofSeconds(2)); // 0.5 + 2 x 0.05

        assertThat(rate.throttled()).isTrue();

        assertThat(rate.fraction()).isCloseTo(0.3, offset(1e-9));
    }

    @Test
    void neverDropsBelowTheFloorHoweverLongTheThrottlingLasts() {
        for (int i = 0; i < 60; i++) {
            rate.throttled();
            assertThat(rate.fraction()).isGreaterThanOrEqualTo(AimdRate.FLOOR);
            advance(AimdRate.HOLD);
        }

        assertThat(rate.throttled()).isTrue();
        assertThat(rate.fraction()).isCloseTo(AimdRate.FLOOR, offset(1e-9));
    }

    @Test
    void climbsBackAdditivelyToTheWholeShareWithinTwentySecondsFromTheFloor() {
        for (int i = 0; i < 40; i++) {
            rate.throttled();
            advance(AimdRate.HOLD);
        }
        rate.throttled();
        assertThat(rate.fraction()).isCloseTo(AimdRate.FLOOR, offset(1e-9));

        advance(Duration.ofSeconds(10));
        assertThat(rate.fraction()).isCloseTo(AimdRate.FLOOR + 0.5, offset(1e-6));
        advance(Duration.ofSeconds(9));
        assertThat(rate.fraction()).isCloseTo(1.0, offset(1e-6));
        advance(Duration.ofSeconds(1));
        assertThat(rate.fraction()).isEqualTo(1.0);
    }
}
