package dev.glsmon.processor.metrics;

import dev.glsmon.processor.session.Lifecycle;
import java.util.List;
import java.util.Map;

/**
 * The StatusReasons the GameLift Streams API documents for each ending status (ARCHITECTURE.md,
 * "Facts about the service"), so that a location's termination counters exist at 0 before its first
 * termination. A reason outside this list still gets its series, with its first event.
 */
final class KnownReasons {

    static final Map<String, List<String>> BY_STATUS = Map.of(
            Lifecycle.ERROR, List.of("placementTimeout", "internalError", "invalidSignalRequest",
                    "applicationLogS3DestinationError"),
            Lifecycle.TERMINATED, List.of("applicationExit", "connectionTimeout", "reconnectionTimeout", "idleTimeout",
                    "maxSessionLengthTimeout", "apiTerminated"));

    /** The statuses a termination can have: the API's two and glsmon's own VANISHED. */
    static final List<String> ENDING_STATUSES = List.of(Lifecycle.TERMINATED, Lifecycle.ERROR, Lifecycle.VANISHED);

    private KnownReasons() {}
}
