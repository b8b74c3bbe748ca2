package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CycleCadenceTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @Test
    void aShortCycleWaitsForTheRestOfTheInterval() {
        assertThat(CycleCadence.delayAfter(INTERVAL, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(1300));
    }

    @Test
    void aCycleThatOverranTheIntervalIsFollowedAtOnceWithoutMakingUpMissedTicks() {
        // a 14.6 s first cycle at a 2 s interval: fixed-rate scheduling would then run 7 cycles back to back
        assertThat(CycleCadence.delayAfter(INTERVAL, Duration.ofMillis(14_600))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aCycleOfExactlyTheIntervalStartsTheNextAtOnce() {
        assertThat(CycleCadence.delayAfter(INTERVAL, INTERVAL)).isEqualTo(Duration.ZERO);
    }
}
