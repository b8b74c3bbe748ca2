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
 *       key that is not the value's ARN (the session's state would split across tasks);
 *   <li>repaired, counted: an API timestamp before the configured minimum or too far after the
 *       snapshot's observedAt is treated as absent (the snapshot still counts);
 *   <li>passed through unchanged: statuses and reasons glsmon does not know.
 * </ul>
 */
public final class SnapshotCheck {

    public static final String TIMESTAMP_OUT_OF_RANGE = "timestamp_out_of_range";

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
        if (outOfRange(s.getLastUpdatedAt(), s.getObservedAt())) {
            repaired = SessionSnapshot.newBuilder(s).setLastUpdatedAt(null);
            repairs = new ArrayList<>(2);
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
        return cycle.getStreamGroupId().isBlank() ? "the poll cycle's streamGroupId is empty" : null;
    }

    private boolean outOfRange(Instant value, Instant observedAt) {
        return value != null && (value.isBefore(minTimestamp) || value.isAfter(observedAt.plus(maxFutureSkew)));
    }

    private static Result invalid(String why) {
        return new Result(null, List.of(), why);
    }
}
