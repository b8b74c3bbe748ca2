package dev.glsmon.poller.cycle;

import dev.glsmon.poller.config.FastLaneMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FastLaneSwitchTest {

    private static final long SECOND = 1_000_000_000L;
    private final FastLaneSwitch auto = new FastLaneSwitch(FastLaneMode.AUTO, Duration.ofSeconds(5));

    @Test
    void onAndOffAreFixed() {
        assertThat(new FastLaneSwitch(FastLaneMode.ON, Duration.ofSeconds(5)).on(0)).isTrue();
        FastLaneSwitch off = new FastLaneSwitch(FastLaneMode.OFF, Duration.ofSeconds(5));
        off.sweepEnded(Duration.ofMinutes(1));
        assertThat(off.on(0)).isFalse();
    }

    @Test
    void autoStaysOffWhileFullSweepsAreFast() {
        assertThat(auto.on(0)).as("before any sweep").isFalse();
        auto.sweepStarted(0);
        assertThat(auto.on(4 * SECOND)).isFalse();
        auto.sweepEnded(Duration.ofSeconds(4));
        assertThat(auto.on(10 * SECOND)).isFalse();
    }

    @Test
    void autoTurnsOnOnceASweepRunsLongerThanTheThresholdEvenTheFirst() {
        auto.sweepStarted(0);
        assertThat(auto.on(6 * SECOND)).as("the first sweep of a large fleet, still running").isTrue();
        auto.sweepEnded(Duration.ofSeconds(60));
        assertThat(auto.on(61 * SECOND)).isTrue();
        auto.sweepStarted(61 * SECOND);
        assertThat(auto.on(62 * SECOND)).as("the last sweep was slow").isTrue();
    }

    @Test
    void autoTurnsOffAgainAfterAFastSweep() {
        auto.sweepEnded(Duration.ofSeconds(60));
        auto.sweepStarted(0);
        auto.sweepEnded(Duration.ofSeconds(2));
        assertThat(auto.on(3 * SECOND)).isFalse();
    }
}
