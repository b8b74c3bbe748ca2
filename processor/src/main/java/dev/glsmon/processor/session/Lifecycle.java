package dev.glsmon.processor.session;

import dev.glsmon.common.session.SessionStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The processor's view of the stream-session lifecycle: the documented graph of
 * {@link SessionStatus} (one vocabulary with the poller and the simulator), plus VANISHED, glsmon's
 * own conclusion from absence. A transition along an edge is observed; any other one is
 * {@code inferred}: polls missed the states in between (or the status is one glsmon does not know).
 * First seen, the only direct edge is to ACTIVATING; VANISHED has no edge in or out, so it is always
 * inferred; a status a newer API sends has no edges either.
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

    private static final Map<String, Set<String>> EDGES = edgesByName();

    private Lifecycle() {}

    private static Map<String, Set<String>> edgesByName() {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        for (SessionStatus status : SessionStatus.values()) {
            if (!status.next().isEmpty()) {
                edges.put(status.name(), status.next().stream().map(SessionStatus::name)
                        .collect(Collectors.toUnmodifiableSet()));
            }
        }
        return Collections.unmodifiableMap(edges);
    }

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
        return VANISHED.equals(status) || SessionStatus.isEnded(status);
    }

    /** ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, RECONNECTING: files can still be exported. */
    public static boolean isInProgress(String status) {
        return SessionStatus.isExportable(status);
    }

    /** The direct edges by wire name, for documentation and tests. */
    public static Map<String, Set<String>> edges() {
        return EDGES;
    }
}
