package dev.glsmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void printsEachFigureNextToItsBaselineWithTheRatio() {
        String table = ResultTable.render(List.of(
                BenchResult.of("1. processor", "EOS topology", 50_000, "records/s", "plain loop", 125_000, "higher")));

        assertThat(table).contains("| 1. processor | EOS topology | 50,000 records/s | plain loop | 125,000 records/s | 0.40 (higher is better) |");
    }

    @Test
    void hasNoRatioWithoutABaseline() {
        assertThat(BenchResult.of("s", "n", 1, "u", "none", 0, "lower").ratio()).isNaN();
    }
}
