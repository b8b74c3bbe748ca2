package dev.glsmon.poller.export;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.gameliftstreams.model.AccessDeniedException;
import software.amazon.awssdk.services.gameliftstreams.model.ConflictException;
import software.amazon.awssdk.services.gameliftstreams.model.InternalServerException;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

/**
 * Maps a failed ExportStreamSessionFiles call (after the SDK's retries) to an outcome and a typed
 * reason, by exception type and HTTP status, never by the text of the message (which the service
 * may reword at any time). The API refuses an export for a session past its in-progress statuses
 * with a ValidationException, the same type as for a malformed request; the executor has checked the
 * URI and the identifiers already, so it asks for the session's status to tell the two apart.
 */
public final class ExportFailureMapping {

    /** The statuses in which the API accepts an export (seed 000). */
    static final Set<String> IN_PROGRESS = Set.of("ACTIVE", "CONNECTED", "PENDING_CLIENT_RECONNECTION", "RECONNECTING");

    /** What became of a failed call. */
    public record Failure(ExportOutcome outcome, ExportReason reason, String message) {}

    private static final Failure NOT_FOUND = new Failure(ExportOutcome.SKIPPED_NOT_IN_PROGRESS, ExportReason.NOT_FOUND,
            "the service has no such session any more");

    /** Reads a session's current status. */
    @FunctionalInterface
    public interface StatusProbe {
        /** @return the status, or empty when the service has no such session */
        Optional<String> status(String streamGroupId, String sessionId) throws Exception;
    }

    private ExportFailureMapping() {}

    public static Failure classify(Throwable error, StatusProbe probe, String streamGroupId, String sessionId) {
        int status = error instanceof AwsServiceException service ? service.statusCode() : 0;
        if (error instanceof ResourceNotFoundException || status == 404) {
            return NOT_FOUND;
        }
        if (error instanceof ValidationException || error instanceof ConflictException || status == 400 || status == 409) {
            return byStatus(probe, streamGroupId, sessionId);
        }
        if (error instanceof AccessDeniedException || status == 403) {
            return failed(ExportReason.ACCESS_DENIED, "access denied (HTTP 403)");
        }
        if (error instanceof ThrottlingException || status == 429) {
            return failed(ExportReason.THROTTLED, "throttled after the SDK's retries (HTTP 429)");
        }
        if (error instanceof InternalServerException || status >= 500) {
            return failed(ExportReason.SERVER_ERROR, "the service failed after the SDK's retries (HTTP " + status + ")");
        }
        if (!(error instanceof AwsServiceException)) {
            return failed(ExportReason.UNREACHABLE, "no answer from the service after the SDK's retries");
        }
        return failed(ExportReason.INVALID_REQUEST, "the service refused the request (HTTP " + status + ")");
    }

    private static Failure byStatus(StatusProbe probe, String streamGroupId, String sessionId) {
        Optional<String> current;
        try {
            current = probe.status(streamGroupId, sessionId);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failed(ExportReason.INVALID_REQUEST, "the service refused the request; the session's status is unknown");
        }
        if (current.isEmpty()) {
            return NOT_FOUND;
        }
        if (!IN_PROGRESS.contains(current.get())) {
            return new Failure(ExportOutcome.SKIPPED_NOT_IN_PROGRESS, ExportReason.NOT_IN_PROGRESS,
                    "the session is " + current.get() + ", no longer in progress");
        }
        return failed(ExportReason.INVALID_REQUEST, "the service refused the request while the session is " + current.get());
    }

    private static Failure failed(ExportReason reason, String message) {
        return new Failure(ExportOutcome.FAILED, reason, message);
    }

    /** The service's own words, for the log only. */
    public static String logMessageOf(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? error.getClass().getSimpleName() : code) + ": " + (message == null ? "" : message);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
