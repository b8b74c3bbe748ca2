package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import java.util.Locale;

/** StatusReason of a stream session: each value belongs to ERROR or to TERMINATED. */
public enum StatusReason {
    INTERNAL_ERROR("internalError", SessionStatus.ERROR),
    INVALID_SIGNAL_REQUEST("invalidSignalRequest", SessionStatus.ERROR),
    PLACEMENT_TIMEOUT("placementTimeout", SessionStatus.ERROR),
    APPLICATION_LOG_S3_DESTINATION_ERROR("applicationLogS3DestinationError", SessionStatus.ERROR),
    APPLICATION_EXIT("applicationExit", SessionStatus.TERMINATED),
    CONNECTION_TIMEOUT("connectionTimeout", SessionStatus.TERMINATED),
    RECONNECTION_TIMEOUT("reconnectionTimeout", SessionStatus.TERMINATED),
    MAX_SESSION_LENGTH_TIMEOUT("maxSessionLengthTimeout", SessionStatus.TERMINATED),
    IDLE_TIMEOUT("idleTimeout", SessionStatus.TERMINATED),
    API_TERMINATED("apiTerminated", SessionStatus.TERMINATED);

    private final String wire;
    private final SessionStatus status;

    StatusReason(String wire, SessionStatus status) {
        this.wire = wire;
        this.status = status;
    }

    /** The value as the API spells it, e.g. {@code applicationExit}. */
    public String wire() {
        return wire;
    }

    /** The status this reason explains: ERROR or TERMINATED. */
    public SessionStatus status() {
        return status;
    }

    /** Accepts the wire spelling ({@code applicationExit}) or the constant name ({@code APPLICATION_EXIT}). */
    public static StatusReason fromWire(String value) {
        for (StatusReason reason : values()) {
            if (reason.wire.equals(value) || reason.name().equals(value.toUpperCase(Locale.ROOT))) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown stream session status reason: " + value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
