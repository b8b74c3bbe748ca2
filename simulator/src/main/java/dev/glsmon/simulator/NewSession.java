package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import java.util.Objects;

/**
 * What {@link SimulatorControl#createSession(NewSession)} creates. A scripted session (the default)
 * changes only when a test tells it to, apart from what the service itself always does: TERMINATING
 * ends in TERMINATED, ended sessions vanish after the retention time, exports resolve when the
 * session ends. An autonomous session follows the scenario's lifecycle like a generated one.
 */
public record NewSession(String streamGroupId, String location, SessionStatus status, String userId, boolean autonomous) {

    public NewSession {
        Objects.requireNonNull(streamGroupId, "streamGroupId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(status, "status");
        if (status.isEnded() || status == SessionStatus.TERMINATING) {
            throw new IllegalArgumentException("create the session live, then transition it: " + status);
        }
    }

    /** A scripted ACTIVE session with a generated user id. */
    public static NewSession in(String streamGroupId, String location) {
        return new NewSession(streamGroupId, location, SessionStatus.ACTIVE, null, false);
    }

    public NewSession withStatus(SessionStatus newStatus) {
        return new NewSession(streamGroupId, location, newStatus, userId, autonomous);
    }

    public NewSession withUserId(String newUserId) {
        return new NewSession(streamGroupId, location, status, newUserId, autonomous);
    }

    public NewSession withAutonomous(boolean newAutonomous) {
        return new NewSession(streamGroupId, location, status, userId, newAutonomous);
    }
}
