package dev.glsmon.processor.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory, per task: which sessions of one stream group this task tracks, when each was last seen
 * relative to the group's full-refresh markers (the cycles that publish every listed session), and
 * which ended sessions wait for their StatusReason.
 *
 * <p>Kept out of the store on purpose (shared/notes/kafka-limits.md): writing "last seen" per
 * snapshot would cost a store write and a changelog record each. After a restart every session the
 * store holds counts as seen at the restart, which delays a VANISHED by at most the configured
 * number of full refreshes.
 */
final class GroupTracking {

    /**
     * Full-refresh markers of this group this task has processed; a session seen after the n-th has
     * lastSeen == n. Markers of changes-only cycles do not count: a session they did not publish
     * may well have been listed.
     */
    private long fullRefreshes;
    private final Map<String, Presence> live = new LinkedHashMap<>();
    private final Map<String, Integer> awaitingReason = new HashMap<>();
    /** Snapshots read per cycle id since the group's last marker, to compare with a marker's count. */
    private final Map<String, Integer> received = new HashMap<>();

    private static final class Presence {
        long lastSeen;
        int missed;
        Instant firstMissedAt;
        /** {@link SnapshotDigest} of the last snapshot applied to the session, 0 when none. */
        long digest;
    }

    /** A snapshot of the group from this cycle was read (applied, skipped or dead-lettered alike). */
    void received(String cycleId) {
        received.merge(cycleId, 1, Integer::sum);
    }

    /**
     * Whether fewer snapshots of the cycle were read than its marker says this partition holds: the
     * marker overtook some of them (Kafka Streams orders the two topics by timestamp only as far as
     * it has fetched them), so their sessions' absence proves nothing yet. Forgets the counts: later
     * stragglers of this or an older cycle need no count.
     */
    boolean snapshotsStillToCome(String cycleId, Integer expected) {
        int read = received.getOrDefault(cycleId, 0);
        received.clear();
        return expected != null && read < expected;
    }

    void fullRefreshDone() {
        fullRefreshes++;
    }

    /**
     * The session was published since the last full-refresh marker with a snapshot applied to it.
     *
     * @param digest the snapshot's digest, or 0 when a repeat must not be skipped (it was stale)
     */
    void seen(String arn, long digest) {
        Presence presence = live.get(arn);
        if (presence == null) {
            presence = new Presence();
            live.put(arn, presence);
        }
        presence.lastSeen = fullRefreshes;
        presence.missed = 0;
        presence.firstMissedAt = null;
        presence.digest = digest;
    }

    /**
     * Marks the session seen if this snapshot repeats the last one applied to it.
     *
     * @return true when it does, and so cannot change anything
     */
    boolean seenAgain(String arn, long digest) {
        Presence presence = live.get(arn);
        if (presence == null || presence.digest != digest) {
            return false;
        }
        presence.lastSeen = fullRefreshes;
        presence.missed = 0;
        presence.firstMissedAt = null;
        return true;
    }

    /** Tracks a session without marking it seen now (restored, or come back); it counts as seen now. */
    void track(String arn) {
        if (!live.containsKey(arn)) {
            Presence presence = new Presence();
            presence.lastSeen = fullRefreshes;
            live.put(arn, presence);
        }
    }

    void untrack(String arn) {
        live.remove(arn);
    }

    /**
     * A complete full refresh of the group: every tracked session not published since the previous
     * one missed one more.
     *
     * @param startedAt when the refresh began: a session's first miss dates its VANISHED
     * @return the sessions that have now missed {@code cycles} or more, in the order they were tracked
     */
    List<String> missedFullRefresh(Instant startedAt, int cycles) {
        List<String> gone = new ArrayList<>();
        for (var entry : live.entrySet()) {
            Presence presence = entry.getValue();
            if (presence.lastSeen == fullRefreshes) {
                continue; // published since the previous full refresh
            }
            presence.missed++;
            if (presence.firstMissedAt == null) {
                presence.firstMissedAt = startedAt;
            }
            if (presence.missed >= cycles) {
                gone.add(entry.getKey());
            }
        }
        return gone;
    }

    /** When the session was first missed by a full refresh, null when it was not. */
    Instant firstMissedAt(String arn) {
        Presence presence = live.get(arn);
        return presence == null ? null : presence.firstMissedAt;
    }

    /** Starts waiting (keeps the count when already waiting). */
    void awaitReason(String arn) {
        awaitingReason.putIfAbsent(arn, 0);
    }

    void reasonSettled(String arn) {
        awaitingReason.remove(arn);
    }

    /**
     * A marker of the group: every session waiting for its StatusReason waited one more.
     *
     * @return the sessions that have now waited more than {@code cycles} markers
     */
    List<String> reasonWaitsOver(int cycles) {
        if (awaitingReason.isEmpty()) {
            return List.of();
        }
        List<String> due = new ArrayList<>();
        awaitingReason.replaceAll((arn, markers) -> {
            int seen = markers + 1;
            if (seen > cycles) {
                due.add(arn);
            }
            return seen;
        });
        return due;
    }

    boolean isEmpty() {
        return live.isEmpty() && awaitingReason.isEmpty();
    }
}
