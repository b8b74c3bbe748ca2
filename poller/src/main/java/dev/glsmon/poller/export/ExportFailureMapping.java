package dev.glsmon.poller.export;

import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.gameliftstreams.model.ConflictException;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

/**
 * Maps a failed ExportStreamSessionFiles call (after the SDK's retries) to an outcome. The API
 * accepts exports only while a session is ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION or
 * RECONNECTING; it answers a session past that with a ValidationException (or ConflictException)
 * about its status, and an ended, purged session with 404. Both mean "too late", not "broken".
 */
public final class ExportFailureMapping {

    private static final Pattern NOT_IN_PROGRESS = Pattern.compile(
            "status|in progress|only while|not active|terminat|ended|expired|no longer", Pattern.CASE_INSENSITIVE);

    private ExportFailureMapping() {}

    public static ExportOutcome outcomeOf(Throwable error) {
        if (error instanceof ResourceNotFoundException) {
            return ExportOutcome.SKIPPED_NOT_IN_PROGRESS;
        }
        if ((error instanceof ValidationException || error instanceof ConflictException)
                && aboutStatus(((AwsServiceException) error))) {
            return ExportOutcome.SKIPPED_NOT_IN_PROGRESS;
        }
        return ExportOutcome.FAILED;
    }

    /** A short message for the result, without request ids. */
    public static String messageOf(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? error.getClass().getSimpleName() : code) + ": " + (message == null ? "" : message);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static boolean aboutStatus(AwsServiceException error) {
        String message = error.awsErrorDetails() != null && error.awsErrorDetails().errorMessage() != null
                ? error.awsErrorDetails().errorMessage()
                : String.valueOf(error.getMessage());
        return NOT_IN_PROGRESS.matcher(message.toLowerCase(Locale.ROOT)).find();
    }
}
