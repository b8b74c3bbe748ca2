package dev.glsmon.processor.session;

import java.util.Map;
import java.util.Set;

/**
 * The stream-session lifecycle as documented for GetStreamSession (seed 002) and ARCHITECTURE.md, as
 * one graph of direct edges. A transition along an edge is observed; any other one is
 * {@code inferred}: polls missed the states in between (or the status is one glsmon does not know).
 *
 * <pre>
 *   (first seen) -> ACTIVATING
 *   ACTIVATING -> ACTIVE | ERROR | TERMINATING
 *   ACTIVE -> CONNECTED | TERMINATING
 *   CONNECTED -> PENDING_CLIENT_RECONNECTION | TERMINATING
 *   PENDING_CLIENT_RECONNECTION -> RECONNECTING | TERMINATING
 *   RECONNECTING -> CONNECTED | PENDING_CLIENT_RECONNECTION | ERROR | TERMINATING
 *   TERMINATING -> TERMINATED
 *   TERMINATED, ERROR, VANISHED: no edge out
 * </pre>
 *
 * Why these and not others: activation fails into ERROR (placementTimeout, internalError, ...) and a
 * reconnect can fail with invalidSignalRequest ("when starting or reconnecting"), so ERROR follows
 * ACTIVATING and RECONNECTING; every other end passes through TERMINATING (connection and
 * reconnection timeouts, idle and maximum length, API termination), so a TERMINATED seen straight
 * after ACTIVE or CONNECTED is inferred. VANISHED is glsmon's own conclusion from absence and always
 * inferred.
 */
public final class Lifecycle {

    public static final String ACTIVATING = "ACTIVATING";
    public static final String ACTIVE = "ACTIVE";
    public static final String CONNECTED = "CONNECTED";
    public static final String PENDING_CLIENT_RECONNECTION = "PENDING_CLIENT_RECONNECTION";
    public static final String RECONNECTING = "RECONNECTING";
    public static final String TERMINATING = "TERMINATING";
    public static final String TERMINATED = "TERMINATED";
    public static final String ERROR = "ERROR";
    /** Not an API status: missing from complete poll cycles, or reported gone by GetStreamSession. */
    public static final String VANISHED = "VANISHED";

    private static final Map<String, Set<String>> EDGES = Map.of(
            ACTIVATING, Set.of(ACTIVE, ERROR, TERMINATING),
            ACTIVE, Set.of(CONNECTED, TERMINATING),
            CONNECTED, Set.of(PENDING_CLIENT_RECONNECTION, TERMINATING),
            PENDING_CLIENT_RECONNECTION, Set.of(RECONNECTING, TERMINATING),
            RECONNECTING, Set.of(CONNECTED, PENDING_CLIENT_RECONNECTION, ERROR, TERMINATING),
            TERMINATING, Set.of(TERMINATED));

    private static final Set<String> ENDED = Set.of(TERMINATED, ERROR, VANISHED);
    /** Where ExportStreamSessionFiles is accepted (seed 000). */
    private static final Set<String> IN_PROGRESS = Set.of(ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, RECONNECTING);

    private Lifecycle() {}

    /**
     * True when the documented lifecycle goes straight from {@code from} to {@code to}; {@code from}
     * null means first seen, whose only direct edge is to ACTIVATING. The same status twice (a change
     * of StatusReason only) is direct.
     */
    public static boolean isDirect(String from, String to) {
        if (from == null) {
            return ACTIVATING.equals(to);
        }
        if (from.equals(to)) {
            return true;
        }
        return EDGES.getOrDefault(from, Set.of()).contains(to);
    }

    /** TERMINATED, ERROR or VANISHED: the session is over and gets its one termination. */
    public static boolean isEnded(String status) {
        return ENDED.contains(status);
    }

    /** ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, RECONNECTING: files can still be exported. */
    public static boolean isInProgress(String status) {
        return IN_PROGRESS.contains(status);
    }

    /** The direct edges, for documentation and tests. */
    public static Map<String, Set<String>> edges() {
        return EDGES;
    }
}
