package dev.glsmon.processor.metrics;

import static dev.glsmon.processor.session.SessionLifecycle.location;

import dev.glsmon.processor.export.ExportFinals;
import dev.glsmon.processor.export.ExportRules;
import dev.glsmon.processor.session.Outcome;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;

/**
 * What one task's session outcomes report: transitions, terminations and the times they measure,
 * export refusals and FINAL results, and the task's share of {@code glsmon_sessions}, where every
 * live (not ended) session of its store counts once under its status, location and stream group.
 */
public final class SessionMetrics implements AutoCloseable {

    private final ProcessorMetrics metrics;
    private final ProcessorMetrics.TaskGauges gauges;

    public SessionMetrics(ProcessorMetrics metrics, String taskId) {
        this.metrics = metrics;
        this.gauges = metrics.taskGauges(taskId);
    }

    /**
     * Counts a snapshot the lifecycle found stale or ignored.
     *
     * @return true when it was ignored: there is nothing to apply
     */
    public boolean ignored(Outcome outcome) {
        if (outcome.stale()) {
            metrics.staleSnapshot();
        }
        if (outcome.ignored() != null) {
            metrics.oddSnapshot(outcome.ignored());
        }
        return outcome.ignored() != null;
    }

    /** A session found in the store when the task starts. */
    public void restored(SessionState state) {
        if (!state.getEnded()) {
            count(state, 1);
        }
    }

    /**
     * An outcome was stored, with its export decision and FINAL result folded in.
     *
     * @param before the stored state before, null when the session is new
     */
    public void applied(SessionState before, Outcome outcome, ExportRules.Folded folded, long recordTime) {
        SessionState after = folded.state();
        String location = location(after);
        if (folded.refused() != null) {
            metrics.exportRefused(folded.refused());
        }
        exportFinal(folded.exportFinal(), recordTime);
        for (SessionTransition transition : outcome.transitions()) {
            metrics.transition(transition.getFrom(), transition.getTo(), location);
        }
        SessionTermination termination = outcome.termination();
        if (termination != null) {
            metrics.termination(termination.getStatus(), termination.getReason(), termination.getCategory(), location);
            if (termination.getDurationMillis() != null) {
                metrics.sessionDuration(location, Duration.ofMillis(termination.getDurationMillis()));
            }
        }
        if (outcome.timeToActive() != null) {
            metrics.timeToActive(location, outcome.timeToActive());
        }
        if (outcome.timeToConnect() != null) {
            metrics.timeToConnect(location, outcome.timeToConnect());
        }
        if (outcome.exportFilesStatus() != null) {
            metrics.exportFiles(outcome.exportFilesStatus());
        }
        boolean countedBefore = before != null && !before.getEnded();
        boolean countAfter = !after.getEnded();
        if (countedBefore && (!countAfter || !before.getStatus().equals(after.getStatus())
                || !location(before).equals(location))) {
            count(before, -1);
            countedBefore = false;
        }
        if (countAfter && !countedBefore) {
            count(after, 1);
        }
    }

    /** A FINAL export result went out (null: none). */
    public void exportFinal(ExportResult result, long recordTime) {
        if (result != null) {
            metrics.exportFinal(result.getRule(), result.getOutcome(), ExportFinals.sinceIssued(result, recordTime));
        }
    }

    private void count(SessionState state, long delta) {
        gauges.sessions(state.getStatus(), location(state), state.getStreamGroupId(), delta);
    }

    @Override
    public void close() {
        gauges.close();
    }
}
