package dev.glsmon.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionsTest {

    private static final int N = 200_000;

    @Test
    void exponentialDrawsHaveTheRequestedMeanAndAreNeverNegative() {
        SplittableRandom random = new SplittableRandom(1);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double x = Distributions.exponential(random, 30);
            assertThat(x).isGreaterThanOrEqualTo(0);
            sum += x;
        }

        assertThat(sum / N).isCloseTo(30, within(0.5));
    }

    @Test
    void lognormalDrawsHaveTheRequestedMean() {
        SplittableRandom random = new SplittableRandom(2);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += Distributions.lognormal(random, 8_000, 0.5);
        }

        assertThat(sum / N).isCloseTo(8_000, within(80.0));
        assertThat(Distributions.lognormal(random, 5, 0)).isEqualTo(5);
        assertThat(Distributions.lognormal(random, 0, 0.5)).isZero();
    }

    @Test
    void gaussianDrawsAreStandardNormal() {
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < N; i++) {
            double x = Distributions.gaussian(random);
            sum += x;
            squares += x * x;
        }

        assertThat(sum / N).isCloseTo(0, within(0.01));
        assertThat(squares / N).isCloseTo(1, within(0.02));
    }

    @Test
    void pickFollowsTheWeightsAndSkipsZeroWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("never", 0.0);
        weights.put("rare", 1.0);
        weights.put("common", 3.0);
        SplittableRandom random = new SplittableRandom(4);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < N; i++) {
            counts.merge(Distributions.pick(random, weights), 1, Integer::sum);
        }

        assertThat(counts).doesNotContainKey("never");
        assertThat(counts.get("common") / (double) N).isCloseTo(0.75, within(0.01));
        assertThat(Distributions.pick(random, Map.of("x", 0.0))).isNull();
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 100; i++) {
            assertThat(Distributions.lognormal(a, 10, 0.7)).isEqualTo(Distributions.lognormal(b, 10, 0.7));
        }
    }
}
