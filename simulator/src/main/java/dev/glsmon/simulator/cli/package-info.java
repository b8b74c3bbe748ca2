/** Internal: the {@code glsmon-simulator} command line. */
package dev.glsmon.simulator.cli;
