/** What the simulation runs: {@link dev.glsmon.simulator.scenario.Scenario} and its parts. */
package dev.glsmon.simulator.scenario;
