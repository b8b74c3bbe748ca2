package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.ExportStatus;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.StatusReason;
import java.util.SplittableRandom;

/**
 * A stream session inside the engine; mutable only under the engine's lock. Every session draws from
 * its own random stream, so an API call that touches one session (an export, a terminate) does not
 * shift the random draws of any other.
 */
final class Session {

    final String id;
    final String arn;
    final GroupLocation home;
    final String userId;
    final long createdAt;
    final int connectionTimeoutSeconds;
    final int sessionLengthSeconds;
    final SplittableRandom random;
    final boolean autonomous;

    SessionStatus status;
    StatusReason reason;
    /** The reason TERMINATED will show, known from the moment the session starts TERMINATING. */
    StatusReason pendingReason;
    long lastUpdatedAt;
    long endedAt = -1;
    boolean holdsSlot;
    boolean removed;
    /** Bumped whenever the planned next step changes; a scheduled step with an older epoch is void. */
    int epoch;

    ExportStatus exportStatus;
    String exportReason;
    String exportUri;

    Session(String id, String arn, GroupLocation home, String userId, long createdAt, boolean autonomous,
            SplittableRandom random) {
        this.id = id;
        this.arn = arn;
        this.home = home;
        this.userId = userId;
        this.createdAt = createdAt;
        this.connectionTimeoutSeconds = home.lifecycle.connectionTimeoutSeconds();
        this.sessionLengthSeconds = home.lifecycle.sessionLengthSeconds();
        this.autonomous = autonomous;
        this.random = random;
    }

    String groupId() {
        return home.group.id;
    }

    String location() {
        return home.location;
    }

    /** The key of the account-wide listing: stream group, then session. */
    String accountKey() {
        return home.group.id + "/" + id;
    }
}
