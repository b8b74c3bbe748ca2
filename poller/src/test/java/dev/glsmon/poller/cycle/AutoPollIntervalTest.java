package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoPollIntervalTest {

    private double rate = 16;
    private final AutoPollInterval interval = new AutoPollInterval(Duration.ofSeconds(1), () -> rate);

    @Test
    void startsAtTheMinimumBeforeAnyCycle() {
        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0} pages at {1}/s -> {2} ms")
    @CsvSource({
        // a full sweep within the budget
        "100, 16, 6250",
        "1000, 16, 62500",
        "1000, 8, 125000",
        // throttling lowered the rate: the sweep takes longer
        "100, 0.8, 125000",
        // never below the minimum
        "10, 16, 1000",
        "1, 16, 1000",
        "0, 16, 1000"
    })
    void isThePagesOfTheLastCycleOverTheRateOfTheListingNeverBelowTheMinimum(int pages, double perSecond,
            long expectedMillis) {
        rate = perSecond;

        interval.pagesListed(pages);

        assertThat(interval.current()).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void followsEveryCycleBothWays() {
        interval.pagesListed(160);
        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(10));

        rate = 8; // another instance joined: half the share
        interval.pagesListed(80);
        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(10));

        interval.pagesListed(8);
        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0} ms -> {1} ms: {2}")
    @CsvSource({
        "1000, 1000, false",
        "1000, 1099, false", // under 100 ms
        "1000, 1100, true",
        "60000, 63000, false", // under 10%
        "60000, 66000, true",
        "60000, 54000, true",
        "10000, 9000, true"
    })
    void logsOnlyChangesOfAtLeastTenPercentAndAHundredMilliseconds(long fromMillis, long toMillis, boolean logged) {
        assertThat(AutoPollInterval.worthLogging(Duration.ofMillis(fromMillis), Duration.ofMillis(toMillis)))
                .isEqualTo(logged);
    }
}
