package dev.glsmon.processor.session;

import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the passing of poll cycles and of stream time settles for one task's sessions, stream group
 * by stream group ({@link GroupTracking}): a session missing from {@code vanishCycles} complete full
 * refreshes VANISHES, an ended session without a StatusReason gets its termination without one after
 * {@code reasonWaitCycles} markers of its group, and an ended session's state goes once its retention
 * ran out ({@link EndedSchedule}). The rules of ARCHITECTURE.md "Transition" and "Termination" that
 * need more than one input.
 *
 * <p>Pure: no Kafka, no clock of its own (record and stream time come as arguments), the store read
 * through a function. It decides; the caller stores each {@link Settled} outcome, emits its records
 * and reports every stored change back through {@link #stored}. Per task and not thread-safe.
 */
public final class GroupSweeps {

    private final SessionLifecycle lifecycle;
    private final int vanishCycles;
    private final int reasonWaitCycles;
    private final Duration endedRetention;
    private final Map<String, GroupTracking> groups = new HashMap<>();
    private final EndedSchedule endedSchedule = new EndedSchedule();
    /** The newest lastUpdatedAt seen: how far API time has come, for the retention of unknown sessions. */
    private Instant apiHighWater;

    /** @param lifecycle the state machine, which also holds the reason wait and the retention */
    public GroupSweeps(SessionLifecycle lifecycle, int vanishCycles) {
        this.lifecycle = lifecycle;
        this.vanishCycles = vanishCycles;
        this.reasonWaitCycles = lifecycle.reasonWaitCycles();
        this.endedRetention = lifecycle.endedRetention();
    }

    /** What an input, a marker or the retention decided for one session: an outcome to apply. */
    public record Settled(String arn, SessionState before, Outcome outcome) {}

    /**
     * @param overtook the marker was read before some of its snapshots, so nothing was inferred from absence
     * @param settled in the order to apply: reason waits over first, then sessions gone
     */
    public record CycleSettled(boolean overtook, List<Settled> settled) {}

    /** A session found in the store when the task starts; a live one counts as seen now. */
    public void restore(String arn, SessionState state) {
        raiseApiHighWater(state.getLastUpdatedAt());
        GroupTracking group = group(state.getStreamGroupId());
        if (!state.getEnded()) {
            group.track(arn);
        } else {
            if (!state.getTerminationEmitted()) {
                group.awaitReason(arn);
            }
            scheduleDeletion(arn, state);
        }
    }

    /** A snapshot was read, usable or not: it counts towards its cycle's marker. */
    public void received(SessionSnapshot raw) {
        if (raw.getStreamGroupId() != null && raw.getCycleId() != null) {
            group(raw.getStreamGroupId()).received(raw.getCycleId());
        }
    }

    /**
     * Applies a (checked) snapshot through the lifecycle; a session it leaves live counts as seen.
     *
     * @param skipRepeats whether a repeat of the snapshot last applied to the session may be skipped
     * @param sessions the stored state of a session, null when none
     * @return the outcome, or null for a skipped repeat: it cannot change anything (the session is seen)
     */
    public Settled onSnapshot(SessionSnapshot snapshot, boolean skipRepeats, Function<String, SessionState> sessions,
            long recordTime) {
        String arn = snapshot.getArn();
        GroupTracking group = group(snapshot.getStreamGroupId());
        long digest = SnapshotDigest.of(snapshot);
        if (skipRepeats && group.seenAgain(arn, digest)) {
            return null;
        }
        SessionState stored = sessions.apply(arn);
        Outcome outcome = lifecycle.onSnapshot(arn, stored, snapshot, recordTime, apiHighWater);
        raiseApiHighWater(snapshot.getLastUpdatedAt());
        if (outcome.ignored() == null && !outcome.state().getEnded() && !snapshot.getNotFound()) {
            group.seen(arn, outcome.stale() ? 0 : digest);
        }
        return new Settled(arn, stored, outcome);
    }

    /**
     * A usable poll-cycle marker: the group's reason waits move on, and a complete full refresh whose
     * snapshots were all read counts the sessions it did not list. Between full refreshes the poller
     * publishes changes only and settles absences itself (a Get, then a not-found snapshot): only a
     * full refresh lists every session, so only its absence counts.
     *
     * @param sessions the stored state of a session, null when none
     */
    public CycleSettled onCycle(PollCycle cycle, long recordTime, Function<String, SessionState> sessions) {
        GroupTracking group = group(cycle.getStreamGroupId());
        List<Settled> settled = new ArrayList<>();
        for (String arn : group.reasonWaitsOver(reasonWaitCycles)) {
            SessionState stored = sessions.apply(arn);
            if (stored == null) {
                group.reasonSettled(arn);
                continue;
            }
            Outcome outcome = lifecycle.onReasonWaitOver(arn, stored);
            if (!outcome.changed()) {
                group.reasonSettled(arn); // emitted already, or the session came back
            }
            settled.add(new Settled(arn, stored, outcome));
        }
        boolean overtook = group.snapshotsStillToCome(cycle.getCycleId(), cycle.getPartitionSnapshots());
        boolean fullRefresh = !Boolean.FALSE.equals(cycle.getFullRefresh()); // absent: a poller from before the field
        if (cycle.getComplete() && fullRefresh && !overtook) {
            for (String arn : group.missedFullRefresh(cycle.getStartedAt(), vanishCycles)) {
                SessionState stored = sessions.apply(arn);
                if (stored == null || stored.getEnded()) {
                    group.untrack(arn);
                    continue;
                }
                settled.add(new Settled(arn, stored, lifecycle.onVanished(arn, stored, group.firstMissedAt(arn),
                        cycle.getCompletedAt(), cycle.getCycleId(), recordTime)));
            }
        }
        if (fullRefresh) {
            group.fullRefreshDone();
        }
        return new CycleSettled(overtook, settled);
    }

    /** A session's new state was stored: it is tracked, waits for its reason or is scheduled for deletion. */
    public void stored(String arn, SessionState before, SessionState after) {
        if (!after.getEnded()) {
            GroupTracking group = group(after.getStreamGroupId());
            group.track(arn);
            group.reasonSettled(arn);
            return;
        }
        if (before == null || !before.getEnded()) {
            scheduleDeletion(arn, after);
        }
        if (!after.getTerminationEmitted()) {
            GroupTracking group = group(after.getStreamGroupId());
            group.untrack(arn);
            group.awaitReason(arn);
            return;
        }
        GroupTracking group = groups.get(after.getStreamGroupId()); // gone only when its last session expired
        if (group != null) {
            group.untrack(arn);
            group.reasonSettled(arn);
        }
    }

    /**
     * Stream time reached {@code now}: the ended sessions whose retention ran out, each once, to
     * delete once their outcome is applied (the termination without a reason of one still waiting,
     * else no change). A session that came back or ended again later since it was scheduled is left alone.
     */
    public List<Settled> expire(long now, Function<String, SessionState> sessions) {
        List<Settled> expired = new ArrayList<>();
        for (String arn : new LinkedHashSet<>(endedSchedule.due(now))) {
            SessionState state = sessions.apply(arn);
            if (state == null || !state.getEnded() || state.getEndObservedAt() == null || deleteAt(state) > now) {
                continue; // came back, or ended again later: another entry covers it
            }
            Outcome waitOver = lifecycle.onReasonWaitOver(arn, state); // unchanged when it had its termination
            GroupTracking group = groups.get(state.getStreamGroupId());
            if (group != null) {
                group.reasonSettled(arn);
                if (group.isEmpty()) {
                    groups.remove(state.getStreamGroupId());
                }
            }
            expired.add(new Settled(arn, state, waitOver));
        }
        return expired;
    }

    /** Stream groups with sessions tracked or waiting (or markers read), for the log. */
    public int groups() {
        return groups.size();
    }

    private GroupTracking group(String streamGroupId) {
        return groups.computeIfAbsent(streamGroupId, g -> new GroupTracking());
    }

    private void scheduleDeletion(String arn, SessionState state) {
        if (state.getEndObservedAt() != null) {
            endedSchedule.add(arn, deleteAt(state));
        }
    }

    private long deleteAt(SessionState state) {
        return state.getEndObservedAt().toEpochMilli() + endedRetention.toMillis();
    }

    private void raiseApiHighWater(Instant lastUpdatedAt) {
        if (lastUpdatedAt != null && (apiHighWater == null || lastUpdatedAt.isAfter(apiHighWater))) {
            apiHighWater = lastUpdatedAt;
        }
    }
}
