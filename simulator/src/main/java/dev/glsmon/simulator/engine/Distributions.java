package dev.glsmon.simulator.engine;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random draws used by the lifecycle. Written out here (rather than using {@code nextGaussian}) so a
 * seed gives the same draws on every JDK.
 */
final class Distributions {

    private Distributions() {}

    /** Exponential with the given mean (memoryless: the natural model of "when does X happen next"). */
    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    /**
     * Lognormal with the given mean and shape sigma: right-skewed, never negative, the usual shape of
     * service latencies. {@code mu = ln(mean) - sigma^2/2} makes the mean come out as asked.
     */
    static double lognormal(SplittableRandom random, double mean, double sigma) {
        if (mean <= 0) {
            return 0;
        }
        if (sigma == 0) {
            return mean;
        }
        double mu = Math.log(mean) - sigma * sigma / 2;
        return Math.exp(mu + sigma * gaussian(random));
    }

    /** Standard normal by Box-Muller. */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Picks a key with probability proportional to its weight, walking the map in its iteration
     * order (callers pass ordered maps so a seed picks the same key every time); null when every
     * weight is zero.
     */
    static <K> K pick(SplittableRandom random, Map<K, Double> weights) {
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        if (total <= 0) {
            return null;
        }
        double target = random.nextDouble() * total;
        K last = null;
        for (Map.Entry<K, Double> e : weights.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            last = e.getKey();
            target -= e.getValue();
            if (target < 0) {
                return last;
            }
        }
        return last; // rounding left a sliver: the last positive weight takes it
    }
}
