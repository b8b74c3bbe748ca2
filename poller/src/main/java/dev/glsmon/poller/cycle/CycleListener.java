package dev.glsmon.poller.cycle;

/** Observes a cycle's progress (logging, benchmarks, tests that act mid-cycle). Called on the cycle's thread. */
public interface CycleListener {

    CycleListener NONE = new CycleListener() {};

    /** A listing page was read and its snapshots handed to the producer. */
    default void pageDone(String cycleId, int pageNumber, int sessionsSoFar) {}
}
