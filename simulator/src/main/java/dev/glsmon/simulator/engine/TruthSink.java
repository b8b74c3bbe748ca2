package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.TruthEvent;

/** Where the engine reports each ground-truth fact, in order, while it holds its lock. */
@FunctionalInterface
public interface TruthSink {
    void accept(TruthEvent event);
}
