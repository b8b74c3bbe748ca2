package dev.glsmon.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "500ms, 500",
        "2s, 2000",
        "1.5s, 1500",
        "0.25s, 250",
        "10m, 600000",
        "1h, 3600000",
        "1.5h, 5400000",
        "1d, 86400000",
        "2D, 172800000",
        "'30 s', 30000",
        "' 5m ', 300000",
        "0s, 0",
        "PT30S, 30000",
        "pt0.5s, 500",
        "P1D, 86400000",
        "PT1H30M, 5400000",
    })
    void readsWhatUsersType(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "30", "1.5", "soon", "5 minutes", "-5s", "PT-5S", "5w", "s", "1e3ms"})
    void refusesAnythingElseNamingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(500ms|0 or more).*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "500"})
    void aBareNumberIsRefusedWithTheUnitsToChooseFrom(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("has no unit")
                .hasMessageContaining(text + "s or " + text + "ms");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 250, 1000, 1500, 60_000, 90_000, 3_600_000, 5_400_000, 86_400_000, 172_800_000})
    void formatReadsBackAsTheSameDuration(long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest
    @CsvSource({"500, 500ms", "30000, 30s", "600000, 10m", "3600000, 1h", "86400000, 1d", "90000, 90s"})
    void formatIsTheShortestForm(long millis, String expected) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
