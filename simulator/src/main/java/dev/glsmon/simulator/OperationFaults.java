package dev.glsmon.simulator;

import java.util.EnumSet;
import java.util.Set;

/**
 * Faults injected into the answers of one operation. Probabilities are per request and drawn from
 * a seeded source, so a serial sequence of requests sees the same faults on every run.
 *
 * @param throttleProbability chance of 429 ThrottlingException
 * @param serverErrorProbability chance of 500 InternalServerException
 * @param latencyMillis delay added before answering
 * @param failPage page number (1 = the first page, without NextToken) of a listing that always
 *     answers 500 InternalServerException; 0 for none
 * @param malformedProbability chance that a successful body is damaged
 * @param malformations the kinds of damage to pick from (all kinds when empty)
 */
public record OperationFaults(
        double throttleProbability,
        double serverErrorProbability,
        long latencyMillis,
        int failPage,
        double malformedProbability,
        Set<Malformation> malformations) {

    /** No fault at all. */
    public static final OperationFaults NONE = new OperationFaults(0, 0, 0, 0, 0, Set.of());

    public OperationFaults {
        probability("throttleProbability", throttleProbability);
        probability("serverErrorProbability", serverErrorProbability);
        probability("malformedProbability", malformedProbability);
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0: " + latencyMillis);
        }
        if (failPage < 0) {
            throw new IllegalArgumentException("failPage must be >= 0: " + failPage);
        }
        malformations = malformations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(malformations));
    }

    public OperationFaults withThrottleProbability(double p) {
        return new OperationFaults(p, serverErrorProbability, latencyMillis, failPage, malformedProbability, malformations);
    }

    public OperationFaults withServerErrorProbability(double p) {
        return new OperationFaults(throttleProbability, p, latencyMillis, failPage, malformedProbability, malformations);
    }

    public OperationFaults withLatencyMillis(long millis) {
        return new OperationFaults(throttleProbability, serverErrorProbability, millis, failPage, malformedProbability, malformations);
    }

    public OperationFaults withFailPage(int page) {
        return new OperationFaults(throttleProbability, serverErrorProbability, latencyMillis, page, malformedProbability, malformations);
    }

    /** Damages successful bodies with probability {@code p}, in one of {@code kinds} (all kinds if none given). */
    public OperationFaults withMalformed(double p, Malformation... kinds) {
        return new OperationFaults(throttleProbability, serverErrorProbability, latencyMillis, failPage, p, Set.of(kinds));
    }

    /** The kinds to pick from, in declaration order: the configured ones, or all of them. */
    public Set<Malformation> malformationChoices() {
        return malformations.isEmpty() ? EnumSet.allOf(Malformation.class) : EnumSet.copyOf(malformations);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1: " + p);
        }
    }
}
