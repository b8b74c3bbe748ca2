/** Internal: the discrete-event simulation. Use {@link dev.glsmon.simulator.Simulator} instead. */
package dev.glsmon.simulator.engine;
