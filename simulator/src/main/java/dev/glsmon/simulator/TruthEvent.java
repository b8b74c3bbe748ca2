package dev.glsmon.simulator;

import java.time.Instant;

/**
 * One fact of the ground truth, in the order it happened.
 *
 * <ul>
 *   <li>{@link Kind#STATUS}: a status change; {@code from}/{@code to} are {@link SessionStatus}
 *       names ({@code from} is null at creation) and {@code reason} is the StatusReason the API
 *       shows afterwards (only for ERROR and TERMINATED).
 *   <li>{@link Kind#EXPORT}: ExportFilesMetadata changed; {@code from}/{@code to} are
 *       {@link ExportStatus} names, {@code reason} the export's StatusReason, {@code outputUri} the
 *       URI shown afterwards.
 *   <li>{@link Kind#REMOVED}: the retention time passed; the session is no longer listed and Get
 *       answers 404. {@code from} is the last status.
 *   <li>{@link Kind#GROUP_STATUS}: a stream group's status changed ({@link StreamGroupStatus}
 *       names); {@code sessionArn} and {@code location} are null, {@code reason} is the group's
 *       StatusReason afterwards (null when ACTIVE).
 *   <li>{@link Kind#LOCATION_STATUS}: one location of a stream group changed status
 *       ({@link LocationStatus} names); {@code sessionArn} is null.
 * </ul>
 *
 * @param seq 1, 2, 3... in the order of the events
 * @param time virtual time of the change
 */
public record TruthEvent(
        long seq,
        Kind kind,
        Instant time,
        String sessionArn,
        String streamGroupId,
        String location,
        String from,
        String to,
        String reason,
        String outputUri) {

    public enum Kind {
        STATUS,
        EXPORT,
        REMOVED,
        GROUP_STATUS,
        LOCATION_STATUS
    }

    /** The same event without its sequence number, for comparing logs of two runs. */
    public TruthEvent withoutSeq() {
        return new TruthEvent(0, kind, time, sessionArn, streamGroupId, location, from, to, reason, outputUri);
    }
}
