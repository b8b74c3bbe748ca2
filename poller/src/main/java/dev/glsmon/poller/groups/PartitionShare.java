package dev.glsmon.poller.groups;

/**
 * An instance's part of the API budget from its part of the stream-groups partitions. Kafka gives
 * every partition to exactly one member of the consumer group, so the fractions of all instances add
 * up to exactly 1 once a rebalance is over.
 *
 * <p>While a rebalance is under way (eager assignment takes every partition away first) the fraction
 * is briefly 0 though the instance will get a part back: a revocation may lower the share but never
 * to 0, so the pace does not collapse to the minimum and jump back on every rebalance. Only a
 * completed assignment sets the true fraction, 0 included (more instances than partitions).
 */
final class PartitionShare {

    // nothing assigned before the first rebalance: the instance polls nothing until then
    private volatile double value;

    /** A rebalance ended with {@code assigned} of {@code total} partitions. */
    void assigned(int assigned, int total) {
        value = fraction(assigned, total);
    }

    /** Partitions were taken away; {@code remaining} of {@code total} are still assigned. */
    void revoked(int remaining, int total) {
        double fraction = fraction(remaining, total);
        if (fraction > 0) {
            value = fraction;
        }
    }

    double value() {
        return value;
    }

    private static double fraction(int assigned, int total) {
        if (total <= 0) {
            throw new IllegalArgumentException("a topic has at least one partition, was given " + total);
        }
        return Math.min(1.0, (double) assigned / total);
    }
}
