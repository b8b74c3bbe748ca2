package dev.glsmon.poller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.common.config.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastLaneSettingsTest {

    private static FastLaneSettings with(Duration interval, double share, List<String> statuses, Duration threshold) {
        return new FastLaneSettings(FastLaneMode.AUTO, interval, share, statuses, threshold);
    }

    @Test
    void defaultsWatchTheStatusesAChangeLeadsInto() {
        FastLaneSettings defaults = FastLaneSettings.defaults();
        assertThat(defaults.mode()).isEqualTo(FastLaneMode.AUTO);
        assertThat(defaults.statuses()).doesNotContain("CONNECTED", "TERMINATED")
                .contains("PENDING_CLIENT_RECONNECTION", "TERMINATING", "ERROR");
        assertThat(defaults.autoThreshold()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void statusesAreNormalisedAndDeduplicated() {
        assertThat(with(Duration.ofSeconds(1), 0.5, List.of(" error", "ERROR", "terminating"), Duration.ofSeconds(5))
                .statuses()).containsExactly("ERROR", "TERMINATING");
    }

    @Test
    void badValuesNameTheirOption() {
        Duration s = Duration.ofSeconds(1);
        List<String> ok = List.of("ERROR");
        assertThatThrownBy(() -> with(Duration.ZERO, 0.5, ok, s)).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("setting 'fast-lane-interval':");
        assertThatThrownBy(() -> with(s, 0, ok, s)).hasMessageStartingWith("setting 'fast-lane-budget-share':");
        assertThatThrownBy(() -> with(s, 1.5, ok, s)).hasMessageStartingWith("setting 'fast-lane-budget-share':");
        assertThatThrownBy(() -> with(s, 0.5, List.of(), s)).hasMessageStartingWith("setting 'fast-lane-statuses':");
        assertThatThrownBy(() -> with(s, 0.5, List.of("SLEEPING"), s)).hasMessageStartingWith("setting 'fast-lane-statuses':")
                .hasMessageContaining("SLEEPING");
        assertThatThrownBy(() -> with(s, 0.5, ok, Duration.ofSeconds(-1)))
                .hasMessageStartingWith("setting 'fast-lane-auto-threshold':");
        assertThatThrownBy(() -> new FastLaneSettings(null, s, 0.5, ok, s)).hasMessageStartingWith("setting 'fast-lane':");
    }
}
