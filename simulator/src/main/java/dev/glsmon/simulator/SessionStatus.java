package dev.glsmon.simulator;

import java.util.EnumSet;
import java.util.Set;

/** Stream session status, spelled on the wire as {@link #name()}. */
public enum SessionStatus {
    ACTIVATING,
    ACTIVE,
    CONNECTED,
    PENDING_CLIENT_RECONNECTION,
    RECONNECTING,
    TERMINATING,
    TERMINATED,
    ERROR;

    /** The statuses in which ExportStreamSessionFiles is accepted. */
    public static final Set<SessionStatus> EXPORTABLE =
            EnumSet.of(ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, RECONNECTING);

    /** True for TERMINATED and ERROR: nothing follows but removal after the retention time. */
    public boolean isEnded() {
        return this == TERMINATED || this == ERROR;
    }

    /** Parses a wire value; throws IllegalArgumentException for anything else. */
    public static SessionStatus fromWire(String value) {
        return SessionStatus.valueOf(value);
    }
}
