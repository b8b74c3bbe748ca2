package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.Objects;

/**
 * Decides which snapshots the poller publishes: a session's snapshot goes out when something a
 * consumer reads differs from the last snapshot the broker acknowledged for it, or when its cycle is
 * a full refresh; a repeat is counted and dropped. Everything that publishes listed sessions asks
 * here, so the snapshot topic stays a change log whoever lists.
 *
 * <p>"Acknowledged" is the caller's half: the {@link KnownSession} it passes must hold the last
 * snapshot the broker acknowledged (the cycles make a listing their memory only after every send
 * of the cycle was acknowledged, and a Get's answer is remembered only after its send was). A
 * change whose send failed so stays a change until a send of it succeeds.
 */
public final class SnapshotChanges {

    private final PollerMetrics metrics;

    public SnapshotChanges(PollerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Whether to publish {@code candidate}.
     *
     * @param known what was last acknowledged for the session, null when nothing was
     * @param fullRefresh whether the caller publishes every session this time
     */
    public boolean publish(SessionSnapshot candidate, KnownSession known, boolean fullRefresh) {
        if (fullRefresh || known == null || changed(known.last(), candidate)) {
            return true;
        }
        metrics.snapshotSuppressed();
        return false;
    }

    /**
     * Whether {@code candidate} says something {@code acknowledged} did not, in a field the processor
     * or a downstream table reads: status, reason, lastUpdatedAt, createdAt, location, application,
     * export status and details, whether it was found, and its identity. Not observedAt, cycleId,
     * source or region: they say how it was observed, not what the session is.
     */
    public static boolean changed(SessionSnapshot acknowledged, SessionSnapshot candidate) {
        return !Objects.equals(acknowledged.getStatus(), candidate.getStatus())
                || !Objects.equals(acknowledged.getStatusReason(), candidate.getStatusReason())
                || !Objects.equals(acknowledged.getLastUpdatedAt(), candidate.getLastUpdatedAt())
                || !Objects.equals(acknowledged.getCreatedAt(), candidate.getCreatedAt())
                || !Objects.equals(acknowledged.getLocation(), candidate.getLocation())
                || !Objects.equals(acknowledged.getApplicationArn(), candidate.getApplicationArn())
                || !Objects.equals(acknowledged.getExportFilesStatus(), candidate.getExportFilesStatus())
                || !Objects.equals(acknowledged.getExportFilesStatusReason(), candidate.getExportFilesStatusReason())
                || !Objects.equals(acknowledged.getExportFilesOutputUri(), candidate.getExportFilesOutputUri())
                || acknowledged.getNotFound() != candidate.getNotFound()
                || !Objects.equals(acknowledged.getStreamGroupId(), candidate.getStreamGroupId())
                || !Objects.equals(acknowledged.getSessionId(), candidate.getSessionId());
    }
}
