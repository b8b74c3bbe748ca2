package dev.glsmon.processor.session;

import dev.glsmon.schemas.ErrorRateEvent;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one input did to one session: the state to store (when it changed) and the records to emit.
 *
 * @param state the session's state after the input (the stored one when nothing changed; null when
 *     the input was ignored and there is no state)
 * @param changed true when {@code state} must be written
 * @param ignored why the input changed nothing, as a metric label (null when it was applied)
 * @param reasonPending the session ended without a StatusReason and waits for it before its termination
 * @param timeToActive newly known time from creation to the first ACTIVE, else null
 * @param timeToConnect newly known time from creation to the first CONNECTED, else null
 * @param exportFilesStatus the new ExportFilesMetadata.Status when it changed, else null
 */
public record Outcome(
        SessionState state,
        boolean changed,
        List<SessionTransition> transitions,
        SessionTermination termination,
        boolean stale,
        String ignored,
        boolean reasonPending,
        Duration timeToActive,
        Duration timeToConnect,
        String exportFilesStatus) {

    static Outcome stale(SessionState state) {
        return new Outcome(state, false, List.of(), null, true, null, false, null, null, null);
    }

    static Outcome ignored(SessionState state, String why) {
        return new Outcome(state, false, List.of(), null, false, why, false, null, null, null);
    }

    static Outcome unchanged(SessionState state) {
        return new Outcome(state, false, List.of(), null, false, null, false, null, null, null);
    }

    /**
     * The records the outcome emits, in order, with their keys: the transitions and the termination by
     * ARN, and for a termination its event for the error-rate windows, by location.
     */
    public List<Map.Entry<String, SpecificRecord>> records(String arn) {
        List<Map.Entry<String, SpecificRecord>> records = new ArrayList<>(transitions.size() + 2);
        transitions.forEach(transition -> records.add(Map.entry(arn, transition)));
        if (termination != null) {
            records.add(Map.entry(arn, termination));
            records.add(Map.entry(SessionLifecycle.location(state),
                    new ErrorRateEvent(termination.getCategory(), null)));
        }
        return records;
    }

    /** The status the session entered with this input, or null when its status did not change. */
    public String enteredStatus() {
        for (int i = transitions.size() - 1; i >= 0; i--) {
            SessionTransition t = transitions.get(i);
            if (!t.getTo().equals(t.getFrom())) {
                return t.getTo();
            }
        }
        return null;
    }

    /** The status before this input (null for a session first seen). */
    public String previousStatus() {
        for (SessionTransition t : transitions) {
            if (!t.getTo().equals(t.getFrom())) {
                return t.getFrom();
            }
        }
        return state == null ? null : state.getStatus();
    }
}
