package dev.glsmon.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One API request the simulator received and how it answered.
 *
 * @param operation null when the path matched no operation
 * @param query decoded query parameters
 * @param httpStatus the status sent
 * @param errorType the {@code x-amzn-ErrorType} sent, null on success
 * @param virtualTime simulation time when the request arrived
 * @param wallTime real time when the request arrived
 */
public record RequestRecord(
        long seq,
        ApiOperation operation,
        String method,
        String path,
        Map<String, String> query,
        int httpStatus,
        String errorType,
        Instant virtualTime,
        Instant wallTime) {

    public RequestRecord {
        query = Map.copyOf(query);
    }

    public boolean succeeded() {
        return httpStatus / 100 == 2;
    }
}
