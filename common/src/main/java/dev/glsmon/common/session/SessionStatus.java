package dev.glsmon.common.session;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stream session's status, spelled on the wire as {@link #name()}, and the lifecycle the API
 * reference documents (GetStreamSession, seed 002) as one graph of direct edges: the one vocabulary
 * of the simulator (which plays it), the poller (which asks for what an ended session lacks) and the
 * processor (which tells an observed transition from an inferred one).
 *
 * <pre>
 *   (new) -> ACTIVATING
 *   ACTIVATING -> ACTIVE | ERROR | TERMINATING
 *   ACTIVE -> CONNECTED | TERMINATING
 *   CONNECTED -> PENDING_CLIENT_RECONNECTION | TERMINATING
 *   PENDING_CLIENT_RECONNECTION -> RECONNECTING | TERMINATING
 *   RECONNECTING -> CONNECTED | PENDING_CLIENT_RECONNECTION | ERROR | TERMINATING
 *   TERMINATING -> TERMINATED
 *   TERMINATED, ERROR: no edge out
 * </pre>
 *
 * Why these edges: activation fails into ERROR (placementTimeout, internalError, ...) and a reconnect
 * can fail with invalidSignalRequest ("when starting or reconnecting"), so ERROR follows ACTIVATING
 * and RECONNECTING; every other end passes through TERMINATING (connection and reconnection timeouts,
 * idle and maximum length, API termination).
 */
public enum SessionStatus {
    ACTIVATING,
    ACTIVE,
    CONNECTED,
    PENDING_CLIENT_RECONNECTION,
    RECONNECTING,
    TERMINATING,
    TERMINATED,
    ERROR;

    /** The statuses in which ExportStreamSessionFiles is accepted (seed 000): the session is in progress. */
    public static final Set<SessionStatus> EXPORTABLE =
            Collections.unmodifiableSet(EnumSet.of(ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, RECONNECTING));

    private static final Map<SessionStatus, Set<SessionStatus>> EDGES = edgeMap();

    private static Map<SessionStatus, Set<SessionStatus>> edgeMap() {
        Map<SessionStatus, Set<SessionStatus>> edges = new EnumMap<>(SessionStatus.class);
        edges.put(ACTIVATING, EnumSet.of(ACTIVE, ERROR, TERMINATING));
        edges.put(ACTIVE, EnumSet.of(CONNECTED, TERMINATING));
        edges.put(CONNECTED, EnumSet.of(PENDING_CLIENT_RECONNECTION, TERMINATING));
        edges.put(PENDING_CLIENT_RECONNECTION, EnumSet.of(RECONNECTING, TERMINATING));
        edges.put(RECONNECTING, EnumSet.of(CONNECTED, PENDING_CLIENT_RECONNECTION, ERROR, TERMINATING));
        edges.put(TERMINATING, EnumSet.of(TERMINATED));
        edges.put(TERMINATED, EnumSet.noneOf(SessionStatus.class));
        edges.put(ERROR, EnumSet.noneOf(SessionStatus.class));
        edges.replaceAll((status, next) -> Collections.unmodifiableSet(next));
        return Collections.unmodifiableMap(edges);
    }

    /** True for TERMINATED and ERROR: nothing follows but removal after the service's retention time. */
    public boolean isEnded() {
        return this == TERMINATED || this == ERROR;
    }

    /** True where ExportStreamSessionFiles is accepted: ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, RECONNECTING. */
    public boolean isExportable() {
        return EXPORTABLE.contains(this);
    }

    /** The statuses the documented lifecycle goes to straight from this one. */
    public Set<SessionStatus> next() {
        return EDGES.get(this);
    }

    /** The wire value's status; throws IllegalArgumentException for anything else (the simulator's 400). */
    public static SessionStatus fromWire(String value) {
        return SessionStatus.valueOf(value);
    }

    /** The wire value's status, or empty for a value a newer API may send (never an exception). */
    public static Optional<SessionStatus> find(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(wire));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** TERMINATED or ERROR, by wire value; false for an unknown value. */
    public static boolean isEnded(String wire) {
        return find(wire).map(SessionStatus::isEnded).orElse(false);
    }

    /** Exportable, by wire value; false for an unknown value. */
    public static boolean isExportable(String wire) {
        return find(wire).map(SessionStatus::isExportable).orElse(false);
    }
}
