package dev.glsmon.simulator.http;

import dev.glsmon.simulator.RequestRecord;

/** Where the server reports each API request it answered. */
@FunctionalInterface
public interface RequestSink {
    void accept(RequestRecord record);
}
