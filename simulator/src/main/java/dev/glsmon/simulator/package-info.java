/**
 * The simulator's public API: {@link dev.glsmon.simulator.Simulator} and the types it hands out.
 * Scenario types live in {@code dev.glsmon.simulator.scenario}. The packages {@code engine},
 * {@code http} and {@code cli} are internal: their public classes may change without notice.
 */
package dev.glsmon.simulator;
