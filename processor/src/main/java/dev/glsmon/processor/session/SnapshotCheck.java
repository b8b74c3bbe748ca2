package dev.glsmon.processor.session;

import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the processor does with records that decode but are odd (README "Odd records"):
 * <ul>
 *   <li>unusable, dead-lettered as INVALID_RECORD: an empty ARN, status or stream group id; a record
 *       key that is not the value's ARN (the session's state would split across tasks); a field the
 *       processor copies into its state, outputs or metric labels that is longer than the API ever
 *       sends ({@link #MAX_LABEL_CHARS} for label values, {@link #MAX_FIELD_CHARS} for the rest);
 *   <li>repaired, counted: an API timestamp before the configured minimum or too far after the
 *       snapshot's observedAt is treated as absent (the snapshot still counts); an observedAt out of
 *       the same range around the record's timestamp is replaced by the record's timestamp;
 *   <li>passed through unchanged: statuses and reasons glsmon does not know.
 * </ul>
 */
public final class SnapshotCheck {

    public static final String TIMESTAMP_OUT_OF_RANGE = "timestamp_out_of_range";

    /**
     * Longest status, StatusReason, location or export status accepted: they become metric labels and
     * the API's values are short enum names and Region codes.
     */
    public static final int MAX_LABEL_CHARS = 128;
    /**
     * Longest ARN, id or other copied string accepted (AWS ARNs are at most 2048 characters). A longer
     * one would be copied into the state's changelog, the transitions and the termination, where a
     * record over the producer's max.request.size fails the exactly-once task.
     */
    public static final int MAX_FIELD_CHARS = 2048;

    private final Instant minTimestamp;
    private final Duration maxFutureSkew;

    public SnapshotCheck(Instant minTimestamp, Duration maxFutureSkew) {
        this.minTimestamp = minTimestamp;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** A usable snapshot (possibly repaired, with the repairs named) or why it is not usable. */
    public record Result(SessionSnapshot snapshot, List<String> repairs, String invalid) {
        public boolean valid() {
            return invalid == null;
        }
    }

    public Result check(String key, SessionSnapshot s) {
        return check(key, s, s.getObservedAt().toEpochMilli());
    }

    /** @param recordTime the Kafka record's timestamp, which replaces an absurd observedAt */
    public Result check(String key, SessionSnapshot s, long recordTime) {
        String oversized = oversized(s);
        if (oversized != null) {
            return invalid(oversized);
        }
        if (s.getArn().isBlank()) {
            return invalid("the snapshot's arn is empty");
        }
        if (!s.getArn().equals(key)) {
            return invalid("the record key " + (key == null ? "is null" : "'" + key + "' differs from the arn")
                    + "; the key must be the session ARN " + s.getArn());
        }
        if (s.getStatus().isBlank()) {
            return invalid("the snapshot's status is empty");
        }
        if (s.getStreamGroupId().isBlank()) {
            return invalid("the snapshot's streamGroupId is empty");
        }
        List<String> repairs = null;
        SessionSnapshot.Builder repaired = null;
        Instant recordInstant = Instant.ofEpochMilli(recordTime);
        if (outOfRange(s.getObservedAt(), recordInstant)) {
            // the poller's own clock, never absent: the record's timestamp is the best stand-in
            repaired = SessionSnapshot.newBuilder(s).setObservedAt(recordInstant);
            repairs = new ArrayList<>(3);
            repairs.add(TIMESTAMP_OUT_OF_RANGE);
            s = repaired.build();
        }
        if (outOfRange(s.getLastUpdatedAt(), s.getObservedAt())) {
            repaired = (repaired != null ? repaired : SessionSnapshot.newBuilder(s)).setLastUpdatedAt(null);
            repairs = repairs != null ? repairs : new ArrayList<>(2);
            repairs.add(TIMESTAMP_OUT_OF_RANGE);
        }
        if (outOfRange(s.getCreatedAt(), s.getObservedAt())) {
            repaired = (repaired != null ? repaired : SessionSnapshot.newBuilder(s)).setCreatedAt(null);
            repairs = repairs != null ? repairs : new ArrayList<>(1);
            repairs.add(TIMESTAMP_OUT_OF_RANGE);
        }
        if (s.getSessionId().isBlank()) {
            repaired = (repaired != null ? repaired : SessionSnapshot.newBuilder(s))
                    .setSessionId(s.getArn().substring(s.getArn().lastIndexOf('/') + 1));
        }
        return new Result(repaired == null ? s : repaired.build(), repairs == null ? List.of() : repairs, null);
    }

    /** Null when the marker is usable, else why not. */
    public String checkCycle(PollCycle cycle) {
        if (cycle.getStreamGroupId().isBlank()) {
            return "the poll cycle's streamGroupId is empty";
        }
        String tooLong = longest(MAX_FIELD_CHARS, "streamGroupId", cycle.getStreamGroupId(), "cycleId",
                cycle.getCycleId(), "source", cycle.getSource(), "pollerId", cycle.getPollerId());
        return tooLong == null ? null : "oversized field " + tooLong;
    }

    /** The first copied field longer than the API ever sends, described, or null. */
    private static String oversized(SessionSnapshot s) {
        String label = longest(MAX_LABEL_CHARS, "status", s.getStatus(), "statusReason", s.getStatusReason(),
                "location", s.getLocation(), "exportFilesStatus", s.getExportFilesStatus());
        String other = label != null ? null : longest(MAX_FIELD_CHARS, "arn", s.getArn(), "streamGroupId",
                s.getStreamGroupId(), "sessionId", s.getSessionId(), "applicationArn", s.getApplicationArn(),
                "cycleId", s.getCycleId(), "source", s.getSource(), "exportFilesStatusReason",
                s.getExportFilesStatusReason(), "exportFilesOutputUri", s.getExportFilesOutputUri(), "region",
                s.getRegion());
        String found = label != null ? label : other;
        return found == null ? null : "oversized field " + found;
    }

    /** @param namesAndValues name, value, name, value, ... */
    private static String longest(int limit, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && value.length() > limit) {
                return namesAndValues[i] + " (" + value.length() + " chars, at most " + limit + ")";
            }
        }
        return null;
    }

    private boolean outOfRange(Instant value, Instant observedAt) {
        return value != null && (value.isBefore(minTimestamp) || value.isAfter(observedAt.plus(maxFutureSkew)));
    }

    private static Result invalid(String why) {
        return new Result(null, List.of(), why);
    }
}
