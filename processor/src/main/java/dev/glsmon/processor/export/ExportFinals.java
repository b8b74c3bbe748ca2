package dev.glsmon.processor.export;

import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The FINAL export result of a session's command: how its export ended, as the service reports it in
 * the session's ExportFilesMetadata, once per command. The caller stores {@code exportFinalAt} in
 * the same exactly-once transaction that writes the result, so a restart neither loses nor repeats it.
 */
public final class ExportFinals {

    public static final String STAGE = "FINAL";
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED");

    private ExportFinals() {}

    /** The result a snapshot settles, or null: {@link #ofGone} for a not-found one, else {@link #ofSnapshot}. */
    public static ExportResult of(String arn, SessionState state, SessionSnapshot s, long recordTime) {
        return s.getNotFound() ? ofGone(arn, state, recordTime) : ofSnapshot(arn, state, s, recordTime);
    }

    /** From the command to its final result, null when the command's time is unknown. */
    public static Duration sinceIssued(ExportResult result, long recordTime) {
        return result.getIssuedAt() == null ? null
                : Duration.ofMillis(Math.max(0, recordTime - result.getIssuedAt().toEpochMilli()));
    }

    /**
     * The result this snapshot settles, or null: the command was issued, no final went out yet, the
     * export ended, and the snapshot carries its details (an account-wide listing gives the status
     * only; the poller's Get for the details follows as its own snapshot).
     */
    public static ExportResult ofSnapshot(String arn, SessionState state, SessionSnapshot s, long recordTime) {
        if (!awaitsFinal(state) || s.getExportFilesStatus() == null || !ENDED.contains(s.getExportFilesStatus())) {
            return null;
        }
        if (s.getExportFilesOutputUri() == null && s.getExportFilesStatusReason() == null) {
            return null;
        }
        return result(arn, state, "EXPORT_" + s.getExportFilesStatus(), s.getExportFilesStatus(),
                s.getExportFilesOutputUri(), s.getExportFilesStatusReason(), recordTime);
    }

    /**
     * The session is gone for good (the service answered not found, or its state's retention ran
     * out) while its export was still pending: how the export ended will never be known.
     */
    public static ExportResult ofGone(String arn, SessionState state, long recordTime) {
        if (!awaitsFinal(state) || !"PENDING".equals(state.getExportFilesStatus())) {
            return null;
        }
        return result(arn, state, "EXPORT_UNKNOWN", null, null,
                "the session was gone before its export ended", recordTime);
    }

    /** The state with the final recorded. */
    public static SessionState recorded(SessionState state, long recordTime) {
        return SessionState.newBuilder(state).setExportFinalAt(Instant.ofEpochMilli(recordTime)).build();
    }

    private static boolean awaitsFinal(SessionState state) {
        return state != null && state.getExportCommandId() != null && state.getExportFinalAt() == null;
    }

    private static ExportResult result(String arn, SessionState state, String outcome, String exportStatus,
            String outputUri, String reason, long recordTime) {
        return ExportResult.newBuilder()
                .setCommandId(state.getExportCommandId())
                .setArn(arn)
                .setStage(STAGE)
                .setRule(state.getExportRule())
                .setOutcome(outcome)
                .setExportStatus(exportStatus)
                .setExportStatusReason(reason)
                .setMessage(reason)
                .setOutputUri(outputUri == null ? "" : outputUri)
                .setAttempts(0)
                .setIssuedAt(state.getExportIssuedAt())
                .setExecutedAt(Instant.ofEpochMilli(recordTime))
                .build();
    }
}
