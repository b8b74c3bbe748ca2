package dev.glsmon.poller.cycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per stream group, the sessions of the last cycle that completed publishing (each with the last
 * snapshot the broker acknowledged for it), the last cycle number and the last full refresh. Bounded by the live set: a session leaves when a complete listing no longer shows it, a
 * group leaves when this instance stops polling it. One cycle at a time touches a group.
 */
public final class SessionMemory {

    private static final class GroupState {
        volatile Map<String, KnownSession> sessions = Map.of();
        long lastCycleNumber;
        /** Start of the last complete cycle that published every listed session; null: none yet. */
        volatile Instant lastFullRefresh;
    }

    private final Map<String, GroupState> groups = new ConcurrentHashMap<>();

    /** The sessions known for a group (unmodifiable). */
    public Map<String, KnownSession> sessions(String streamGroupId) {
        GroupState state = groups.get(streamGroupId);
        return state == null ? Map.of() : state.sessions;
    }

    public KnownSession known(String streamGroupId, String arn) {
        return sessions(streamGroupId).get(arn);
    }

    public Set<String> groups() {
        return Set.copyOf(groups.keySet());
    }

    /**
     * The number of a cycle of this group starting at {@code startMillis}: the start time, unless a
     * cycle with that number or a later one already ran (a clock that did not move), then one more.
     * Stored at once, so a number is never reused even if its cycle fails.
     */
    public long nextCycleNumber(String streamGroupId, long startMillis) {
        GroupState state = groups.computeIfAbsent(streamGroupId, id -> new GroupState());
        synchronized (state) {
            state.lastCycleNumber = Math.max(startMillis, state.lastCycleNumber + 1);
            return state.lastCycleNumber;
        }
    }

    /**
     * Whether a cycle of the group starting at {@code now} publishes every listed session: the first
     * one this instance runs for the group (after a start, a restore or an assignment), then one
     * {@code interval} after the last complete full refresh.
     */
    public boolean fullRefreshDue(String streamGroupId, Instant now, Duration interval) {
        GroupState state = groups.get(streamGroupId);
        Instant last = state == null ? null : state.lastFullRefresh;
        return last == null || !now.isBefore(last.plus(interval));
    }

    /** A complete cycle that started at {@code startedAt} published every listed session of the group. */
    public void fullRefreshDone(String streamGroupId, Instant startedAt) {
        groups.computeIfAbsent(streamGroupId, id -> new GroupState()).lastFullRefresh = startedAt;
    }

    /** Replaces a group's sessions once its cycle's records are acknowledged. */
    public void replace(String streamGroupId, Map<String, KnownSession> sessions) {
        groups.computeIfAbsent(streamGroupId, id -> new GroupState()).sessions =
                java.util.Collections.unmodifiableMap(new HashMap<>(sessions));
    }

    /** Forgets groups this instance no longer polls. */
    public void retainGroups(Collection<String> streamGroupIds) {
        groups.keySet().retainAll(Set.copyOf(streamGroupIds));
    }

    /** Forgets a group (account mode: no session left in it). */
    public void forget(String streamGroupId) {
        groups.remove(streamGroupId);
    }

    /** Sessions remembered over all groups. */
    public int size() {
        return groups.values().stream().mapToInt(state -> state.sessions.size()).sum();
    }
}
