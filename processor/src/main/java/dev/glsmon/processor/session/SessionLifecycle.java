package dev.glsmon.processor.session;

import static dev.glsmon.processor.session.Lifecycle.ACTIVATING;
import static dev.glsmon.processor.session.Lifecycle.ACTIVE;
import static dev.glsmon.processor.session.Lifecycle.CONNECTED;
import static dev.glsmon.processor.session.Lifecycle.PENDING_CLIENT_RECONNECTION;
import static dev.glsmon.processor.session.Lifecycle.VANISHED;

import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The session state machine as a pure function: (stored state, input) -> (new state, transitions,
 * termination). No Kafka here, so that the rules of ARCHITECTURE.md "Semantics" can be checked
 * directly, also by property tests; the processor around it stores and emits.
 *
 * <p>Rules where ARCHITECTURE.md is silent (README "Semantics decisions"):
 * <ul>
 *   <li>A null StatusReason means "not given" (list items lack it), never "no reason": it does not
 *       replace a known reason of the same status and is no change.
 *   <li>A TERMINATED or ERROR status without a reason from a listing waits for the reason
 *       ({@code reasonWaitCycles} poll cycles; the poller enriches through GetStreamSession); the
 *       termination is emitted when the reason arrives or the wait is over, never twice. A later
 *       reason is a reason-only transition.
 *   <li>One termination per session, ever: a session that comes back after VANISHED gets
 *       transitions again but no second termination.
 *   <li>A session unknown to the store whose snapshot says it ended longer than the ended retention
 *       before the newest API time seen is ignored: it is a late snapshot of a session whose state
 *       was deleted (or one that ended long before glsmon started), not a new session.
 * </ul>
 */
public final class SessionLifecycle {

    public static final String GET_STREAM_SESSION = "GetStreamSession";
    /** The location label of a session whose location no snapshot gave. */
    public static final String UNKNOWN_LOCATION = "unknown";

    private final TerminationCategories categories;
    private final int reasonWaitCycles;
    private final Duration endedRetention;

    public SessionLifecycle(TerminationCategories categories, int reasonWaitCycles, Duration endedRetention) {
        this.categories = categories;
        this.reasonWaitCycles = reasonWaitCycles;
        this.endedRetention = endedRetention;
    }

    public TerminationCategories categories() {
        return categories;
    }

    /** Poll-cycle markers a session that ended without a StatusReason waits for it. */
    public int reasonWaitCycles() {
        return reasonWaitCycles;
    }

    /** How long an ended session's state is kept. */
    public Duration endedRetention() {
        return endedRetention;
    }

    /** The session's location as a metric label or record key: never null. */
    public static String location(SessionState state) {
        return state.getLocation() == null ? UNKNOWN_LOCATION : state.getLocation();
    }

    /**
     * Applies one snapshot (its odd timestamps already removed).
     *
     * @param stored the session's state, null when unknown
     * @param recordTime the input record's timestamp (stream time): retention counts from it
     * @param apiHighWater the newest lastUpdatedAt the caller has seen, null if none
     */
    public Outcome onSnapshot(String arn, SessionState stored, SessionSnapshot s, long recordTime, Instant apiHighWater) {
        Instant at = s.getLastUpdatedAt() != null ? s.getLastUpdatedAt() : s.getObservedAt();
        if (stored == null) {
            return firstSeen(arn, s, at, recordTime, apiHighWater);
        }
        if (s.getNotFound()) {
            // before the stale check: a not-found snapshot repeats the last known status and times
            if (!stored.getEnded()) {
                return onVanished(arn, stored, s.getObservedAt(), s.getObservedAt(), s.getCycleId(), recordTime);
            }
            // ended already: nothing more will come, so a termination still waiting for its reason goes now
            return stored.getTerminationEmitted() ? Outcome.unchanged(stored) : onReasonWaitOver(arn, stored);
        }
        if (isStale(stored, s)) {
            return Outcome.stale(stored);
        }

        SessionState.Builder next = null;
        List<SessionTransition> transitions = List.of();
        SessionTermination termination = null;
        boolean reasonPending = false;
        Duration timeToActive = null;
        Duration timeToConnect = null;
        String exportFilesStatus = null;

        boolean statusChanged = !s.getStatus().equals(stored.getStatus());
        boolean reasonChanged = !statusChanged && s.getStatusReason() != null
                && !s.getStatusReason().equals(stored.getStatusReason());
        if (statusChanged || reasonChanged) {
            next = SessionState.newBuilder(stored);
            long sequence = stored.getSequence() + 1;
            String from = stored.getStatus();
            String to = s.getStatus();
            next.setSequence(sequence);
            next.setStatusReason(s.getStatusReason());
            if (statusChanged) {
                next.setStatus(to).setPreviousStatus(from).setStatusSince(at);
            }
            transitions = List.of(transition(arn, stored, s, from, to, s.getStatusReason(), stored.getStatusReason(),
                    millisBetween(stored.getStatusSince(), at), sequence, !Lifecycle.isDirect(from, to), at,
                    s.getObservedAt(), s.getCycleId()));
            if (statusChanged && ACTIVE.equals(to) && stored.getFirstActiveAt() == null) {
                next.setFirstActiveAt(at);
                timeToActive = durationBetween(createdAt(stored, s), at);
            }
            if (statusChanged && CONNECTED.equals(to) && stored.getFirstConnectedAt() == null
                    && (ACTIVATING.equals(from) || ACTIVE.equals(from))) {
                // only a connect glsmon saw coming is the first one; after a reconnect lastUpdatedAt is later
                next.setFirstConnectedAt(at);
                timeToConnect = durationBetween(createdAt(stored, s), at);
            }
            if (statusChanged && PENDING_CLIENT_RECONNECTION.equals(to)) {
                next.setReconnectCount(stored.getReconnectCount() + 1);
            }
            boolean nowEnded = Lifecycle.isEnded(to);
            if (statusChanged && nowEnded && !stored.getEnded()) {
                next.setEnded(true).setEndedAt(at).setEndObservedAt(Instant.ofEpochMilli(recordTime));
            } else if (statusChanged && !nowEnded && stored.getEnded()) {
                next.setEnded(false).setEndedAt(null).setEndObservedAt(null); // it came back
            }
            if (nowEnded && !stored.getTerminationEmitted()) {
                if (s.getStatusReason() != null || !waitsForReason(s)) {
                    next.setTerminationEmitted(true);
                } else {
                    reasonPending = true;
                }
            }
        }
        if (s.getLastUpdatedAt() != null
                && (stored.getLastUpdatedAt() == null || s.getLastUpdatedAt().isAfter(stored.getLastUpdatedAt()))) {
            next = next != null ? next : SessionState.newBuilder(stored);
            next.setLastUpdatedAt(s.getLastUpdatedAt());
        }
        if (s.getExportFilesStatus() != null && !s.getExportFilesStatus().equals(stored.getExportFilesStatus())) {
            next = next != null ? next : SessionState.newBuilder(stored);
            next.setExportFilesStatus(s.getExportFilesStatus());
            exportFilesStatus = s.getExportFilesStatus();
        }
        if (missing(stored.getLocation(), s.getLocation()) || missing(stored.getApplicationArn(), s.getApplicationArn())
                || missing(stored.getCreatedAt(), s.getCreatedAt())) {
            next = next != null ? next : SessionState.newBuilder(stored);
            next.setLocation(firstNonNull(stored.getLocation(), s.getLocation()))
                    .setApplicationArn(firstNonNull(stored.getApplicationArn(), s.getApplicationArn()))
                    .setCreatedAt(firstNonNull(stored.getCreatedAt(), s.getCreatedAt()));
        }
        if (next == null) {
            return Outcome.unchanged(stored);
        }
        SessionState state = next.build();
        if (state.getTerminationEmitted() && !stored.getTerminationEmitted()) {
            termination = termination(arn, state);
        }
        return new Outcome(state, true, transitions, termination, false, null, reasonPending,
                timeToActive, timeToConnect, exportFilesStatus);
    }

    /**
     * The session is gone: missing from complete poll cycles, or reported not found. Emits the
     * transition to VANISHED and, unless the session had one already, its termination.
     *
     * @param at when it was first missed (or reported gone)
     */
    public Outcome onVanished(String arn, SessionState stored, Instant at, Instant observedAt, String cycleId,
            long recordTime) {
        Objects.requireNonNull(stored, "only a known session can vanish");
        long sequence = stored.getSequence() + 1;
        SessionState state = SessionState.newBuilder(stored)
                .setStatus(VANISHED)
                .setPreviousStatus(stored.getStatus())
                .setStatusReason(null)
                .setStatusSince(at)
                .setSequence(sequence)
                .setEnded(true)
                .setEndedAt(at)
                .setEndObservedAt(Instant.ofEpochMilli(recordTime))
                .setTerminationEmitted(true)
                .build();
        SessionTransition transition = transition(arn, stored, null, stored.getStatus(), VANISHED, null,
                stored.getStatusReason(), millisBetween(stored.getStatusSince(), at), sequence, true, at, observedAt,
                cycleId);
        SessionTermination termination = stored.getTerminationEmitted() ? null : termination(arn, state);
        return new Outcome(state, true, List.of(transition), termination, false, null, false, null, null, null);
    }

    /** The wait for a StatusReason is over: the termination goes without one. */
    public Outcome onReasonWaitOver(String arn, SessionState stored) {
        if (!stored.getEnded() || stored.getTerminationEmitted()) {
            return Outcome.unchanged(stored);
        }
        SessionState state = SessionState.newBuilder(stored).setTerminationEmitted(true).build();
        return new Outcome(state, true, List.of(), termination(arn, state), false, null, false, null, null, null);
    }

    private Outcome firstSeen(String arn, SessionSnapshot s, Instant at, long recordTime, Instant apiHighWater) {
        if (s.getNotFound()) {
            return Outcome.ignored(null, "unknown_session_not_found");
        }
        boolean ended = Lifecycle.isEnded(s.getStatus());
        if (ended && s.getLastUpdatedAt() != null && apiHighWater != null
                && s.getLastUpdatedAt().isBefore(apiHighWater.minus(endedRetention))) {
            return Outcome.ignored(null, "ended_before_retention");
        }
        String status = s.getStatus();
        boolean terminationNow = ended && (s.getStatusReason() != null || !waitsForReason(s));
        SessionState state = SessionState.newBuilder()
                .setSessionId(s.getSessionId())
                .setStreamGroupId(s.getStreamGroupId())
                .setLocation(s.getLocation())
                .setApplicationArn(s.getApplicationArn())
                .setStatus(status)
                .setStatusReason(s.getStatusReason())
                .setPreviousStatus(null)
                .setLastUpdatedAt(s.getLastUpdatedAt())
                .setCreatedAt(s.getCreatedAt())
                .setFirstSeenAt(s.getObservedAt())
                .setStatusSince(at)
                .setFirstActiveAt(ACTIVE.equals(status) ? at : null)
                .setFirstConnectedAt(null)
                .setReconnectCount(PENDING_CLIENT_RECONNECTION.equals(status) ? 1 : 0)
                .setSequence(1)
                .setExportFilesStatus(s.getExportFilesStatus())
                .setExportRule(null)
                .setExportCommandId(null)
                .setExportIssuedAt(null)
                .setEnded(ended)
                .setEndedAt(ended ? at : null)
                .setEndObservedAt(ended ? Instant.ofEpochMilli(recordTime) : null)
                .setTerminationEmitted(terminationNow)
                .build();
        SessionTransition transition = transition(arn, state, s, null, status, s.getStatusReason(), null, null, 1,
                !Lifecycle.isDirect(null, status), at, s.getObservedAt(), s.getCycleId());
        Duration timeToActive = ACTIVE.equals(status) ? durationBetween(s.getCreatedAt(), at) : null;
        return new Outcome(state, true, List.of(transition), terminationNow ? termination(arn, state) : null, false,
                null, ended && !terminationNow, timeToActive, null, s.getExportFilesStatus());
    }

    /** Only listings lack StatusReason; GetStreamSession gives it whenever the API has one. */
    private boolean waitsForReason(SessionSnapshot s) {
        return reasonWaitCycles > 0 && !GET_STREAM_SESSION.equals(s.getSource());
    }

    private static boolean isStale(SessionState stored, SessionSnapshot s) {
        return stored.getLastUpdatedAt() != null && s.getLastUpdatedAt() != null
                && s.getLastUpdatedAt().isBefore(stored.getLastUpdatedAt());
    }

    private SessionTermination termination(String arn, SessionState state) {
        Instant origin = state.getCreatedAt() != null ? state.getCreatedAt() : state.getFirstSeenAt();
        return SessionTermination.newBuilder()
                .setArn(arn)
                .setSessionId(state.getSessionId())
                .setStreamGroupId(state.getStreamGroupId())
                .setLocation(state.getLocation())
                .setApplicationArn(state.getApplicationArn())
                .setStatus(state.getStatus())
                .setReason(state.getStatusReason())
                .setCategory(categories.categoryOf(state.getStatusReason()))
                .setLastStatusBeforeEnd(state.getPreviousStatus())
                .setCreatedAt(state.getCreatedAt())
                .setEndedAt(state.getEndedAt())
                .setDurationMillis(millisBetween(origin, state.getEndedAt()))
                .setTimeToActiveMillis(millisBetween(state.getCreatedAt(), state.getFirstActiveAt()))
                .setTimeToConnectedMillis(millisBetween(state.getCreatedAt(), state.getFirstConnectedAt()))
                .setReconnectCount(state.getReconnectCount())
                .setExportFilesStatus(state.getExportFilesStatus())
                .build();
    }

    private static SessionTransition transition(String arn, SessionState known, SessionSnapshot s, String from,
            String to, String reason, String previousReason, Long timeInPrevious, long sequence, boolean inferred,
            Instant at, Instant observedAt, String cycleId) {
        return SessionTransition.newBuilder()
                .setArn(arn)
                .setSessionId(known.getSessionId())
                .setStreamGroupId(known.getStreamGroupId())
                .setLocation(firstNonNull(known.getLocation(), s == null ? null : s.getLocation()))
                .setApplicationArn(firstNonNull(known.getApplicationArn(), s == null ? null : s.getApplicationArn()))
                .setFrom(from)
                .setTo(to)
                .setReason(reason)
                .setPreviousReason(previousReason)
                .setTimeInPreviousStatusMillis(timeInPrevious)
                .setSequence(sequence)
                .setInferred(inferred)
                .setAt(at)
                .setObservedAt(observedAt)
                .setCycleId(cycleId)
                .build();
    }

    private static Instant createdAt(SessionState stored, SessionSnapshot s) {
        return firstNonNull(stored.getCreatedAt(), s.getCreatedAt());
    }

    /** b - a in milliseconds; null when either is unknown or the clocks disagree (negative). */
    static Long millisBetween(Instant a, Instant b) {
        if (a == null || b == null) {
            return null;
        }
        long millis = b.toEpochMilli() - a.toEpochMilli();
        return millis < 0 ? null : millis;
    }

    private static Duration durationBetween(Instant a, Instant b) {
        Long millis = millisBetween(a, b);
        return millis == null ? null : Duration.ofMillis(millis);
    }

    private static boolean missing(Object stored, Object offered) {
        return stored == null && offered != null;
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }
}
