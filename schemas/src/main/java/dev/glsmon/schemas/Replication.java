package dev.glsmon.schemas;

/**
 * How many copies of each partition glsmon's topics get ({@code replication.factor}) and how many
 * must hold a write before it is acknowledged to an {@code acks=all} producer
 * ({@code min.insync.replicas}): with three copies, two must hold it, so one broker may be down (a
 * crash, a rolling restart) without stopping any write, and no acknowledged write lives on one
 * broker only. With fewer copies one is enough: two would stop every write while a broker is down.
 */
public record Replication(short factor, int minInsyncReplicas) {

    /** The factor glsmon chooses by itself on a cluster of this many brokers or more. */
    public static final int PRODUCTION_FACTOR = 3;

    public Replication {
        if (factor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > factor) {
            throw new IllegalArgumentException("replication factor " + factor + " with min.insync.replicas "
                    + minInsyncReplicas + " is not possible");
        }
    }

    /** A factor chosen by the operator, with its min.insync.replicas. */
    public static Replication of(short factor) {
        return new Replication(factor, factor >= PRODUCTION_FACTOR ? 2 : 1);
    }

    /** What glsmon chooses when not told: three copies, fewer only when the cluster has fewer brokers. */
    public static Replication forBrokers(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster without brokers: " + brokers);
        }
        return of((short) Math.min(PRODUCTION_FACTOR, brokers));
    }
}
