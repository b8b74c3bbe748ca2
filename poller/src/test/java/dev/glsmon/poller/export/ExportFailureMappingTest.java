package dev.glsmon.poller.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.gameliftstreams.model.AccessDeniedException;
import software.amazon.awssdk.services.gameliftstreams.model.ConflictException;
import software.amazon.awssdk.services.gameliftstreams.model.InternalServerException;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

class ExportFailureMappingTest {

    /** The message is deliberately misleading: the mapping must not read it. */
    private static final String MISLEADING = "stream session is TERMINATED and no longer in progress";

    private static Throwable error(String type, int status) {
        AwsServiceException.Builder builder = switch (type) {
            case "Validation" -> ValidationException.builder();
            case "Conflict" -> ConflictException.builder();
            case "NotFound" -> ResourceNotFoundException.builder();
            case "AccessDenied" -> AccessDeniedException.builder();
            case "Throttling" -> ThrottlingException.builder();
            case "InternalServer" -> InternalServerException.builder();
            case "Generic" -> AwsServiceException.builder();
            default -> null;
        };
        if (builder == null) {
            return SdkClientException.create(MISLEADING);
        }
        return builder.statusCode(status).message(MISLEADING)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(type + "Exception").errorMessage(MISLEADING).build())
                .build();
    }

    @ParameterizedTest(name = "{0} {1}, session {2} -> {3} {4}")
    @CsvSource(nullValues = "GONE", value = {
        // the session's status decides what a 400/409 means
        "Validation,     400, TERMINATED,                  SKIPPED_NOT_IN_PROGRESS, NOT_IN_PROGRESS",
        "Validation,     400, ACTIVATING,                  SKIPPED_NOT_IN_PROGRESS, NOT_IN_PROGRESS",
        "Validation,     400, ERROR,                       SKIPPED_NOT_IN_PROGRESS, NOT_IN_PROGRESS",
        "Validation,     400, GONE,                        SKIPPED_NOT_IN_PROGRESS, NOT_FOUND",
        "Validation,     400, CONNECTED,                   FAILED,                  INVALID_REQUEST",
        "Validation,     400, PENDING_CLIENT_RECONNECTION, FAILED,                  INVALID_REQUEST",
        "Conflict,       409, TERMINATING,                 SKIPPED_NOT_IN_PROGRESS, NOT_IN_PROGRESS",
        "Generic,        400, TERMINATED,                  SKIPPED_NOT_IN_PROGRESS, NOT_IN_PROGRESS",
        // the type or the HTTP status alone decides the rest, whatever the session's status
        "NotFound,       404, CONNECTED,                   SKIPPED_NOT_IN_PROGRESS, NOT_FOUND",
        "Generic,        404, CONNECTED,                   SKIPPED_NOT_IN_PROGRESS, NOT_FOUND",
        "AccessDenied,   403, TERMINATED,                  FAILED,                  ACCESS_DENIED",
        "Throttling,     429, TERMINATED,                  FAILED,                  THROTTLED",
        "InternalServer, 500, TERMINATED,                  FAILED,                  SERVER_ERROR",
        "Generic,        503, TERMINATED,                  FAILED,                  SERVER_ERROR",
        "Client,         0,   TERMINATED,                  FAILED,                  UNREACHABLE",
        "Generic,        418, TERMINATED,                  FAILED,                  INVALID_REQUEST",
    })
    void classifiesByTypeStatusAndTheSessionsStatus(String type, int status, String sessionStatus,
            ExportOutcome outcome, ExportReason reason) {
        ExportFailureMapping.Failure failure = ExportFailureMapping.classify(error(type, status),
                (group, session) -> Optional.ofNullable(sessionStatus), "sg-1", "s-1");

        assertThat(failure.outcome()).isEqualTo(outcome);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.message()).as("glsmon's words, not the service's").doesNotContain(MISLEADING);
    }

    @ParameterizedTest
    @CsvSource({"Validation, 400", "Conflict, 409"})
    void aStatusThatCannotBeReadLeavesARefusalAFailure(String type, int status) {
        ExportFailureMapping.Failure failure = ExportFailureMapping.classify(error(type, status),
                (group, session) -> {
                    throw SdkClientException.create("down");
                }, "sg-1", "s-1");

        assertThat(failure.outcome()).isEqualTo(ExportOutcome.FAILED);
        assertThat(failure.reason()).isEqualTo(ExportReason.INVALID_REQUEST);
    }
}
