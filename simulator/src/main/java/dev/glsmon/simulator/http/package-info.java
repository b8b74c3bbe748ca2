/** Internal: the REST-JSON endpoint on the JDK HTTP server. Use {@link dev.glsmon.simulator.Simulator} instead. */
package dev.glsmon.simulator.http;
