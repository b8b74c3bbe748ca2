package dev.glsmon.processor.streamgroup;

import dev.glsmon.schemas.LocationCapacity;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.StreamGroupTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The status transitions between two snapshots of one stream group, as ARCHITECTURE.md's session
 * transitions: the group's own (status or StatusReason), then each location's (status), a group or
 * location first seen with {@code from = null}, a location no longer listed as {@code to = REMOVED}.
 * Pure: no state of its own.
 */
public final class StreamGroupChanges {

    /** The {@code to} of a location the group no longer lists. */
    public static final String REMOVED = "REMOVED";

    private StreamGroupChanges() {}

    /** Whether {@code next} is older than what is stored and so changes nothing. */
    public static boolean isStale(StreamGroupSnapshot previous, StreamGroupSnapshot next) {
        return previous != null && next.getObservedAt().isBefore(previous.getObservedAt());
    }

    /** @param previous the last snapshot of the group, null when it was never seen */
    public static List<StreamGroupTransition> between(StreamGroupSnapshot previous, StreamGroupSnapshot next) {
        List<StreamGroupTransition> out = new ArrayList<>();
        Instant at = next.getLastUpdatedAt() != null ? next.getLastUpdatedAt() : next.getObservedAt();
        Long since = previous == null ? null : Duration.between(previous.getObservedAt(), next.getObservedAt()).toMillis();
        if (previous == null || !Objects.equals(previous.getStatus(), next.getStatus())
                || !Objects.equals(previous.getStatusReason(), next.getStatusReason())) {
            out.add(transition(next, null, previous == null ? null : previous.getStatus(), next.getStatus(), at, since)
                    .setReason(next.getStatusReason())
                    .setPreviousReason(previous == null ? null : previous.getStatusReason())
                    .build());
        }
        Map<String, String> before = statuses(previous);
        Map<String, String> after = statuses(next);
        after.forEach((location, status) -> {
            boolean known = before.containsKey(location);
            if (!known || !Objects.equals(before.get(location), status)) {
                out.add(transition(next, location, known ? before.get(location) : null, status, at,
                        known ? since : null).build());
            }
        });
        before.forEach((location, status) -> {
            if (!after.containsKey(location)) {
                out.add(transition(next, location, status, REMOVED, at, since).build());
            }
        });
        return out;
    }

    /** A location without a status reads as UNKNOWN: it is there, its state is not known. */
    private static Map<String, String> statuses(StreamGroupSnapshot snapshot) {
        Map<String, String> statuses = new LinkedHashMap<>();
        if (snapshot != null) {
            for (LocationCapacity location : snapshot.getLocations()) {
                statuses.put(location.getLocation(), location.getStatus() == null ? "UNKNOWN" : location.getStatus());
            }
        }
        return statuses;
    }

    private static StreamGroupTransition.Builder transition(StreamGroupSnapshot next, String location, String from,
            String to, Instant at, Long since) {
        return StreamGroupTransition.newBuilder()
                .setStreamGroupId(next.getStreamGroupId())
                .setLocation(location)
                .setFrom(from)
                .setTo(to)
                .setReason(null)
                .setPreviousReason(null)
                .setTimeInPreviousStatusMillis(since)
                .setAt(at)
                .setObservedAt(next.getObservedAt());
    }
}
