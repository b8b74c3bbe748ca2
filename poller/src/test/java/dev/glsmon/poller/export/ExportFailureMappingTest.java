package dev.glsmon.poller.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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

    private static <T extends AwsServiceException.Builder> AwsServiceException error(T builder, String code, String message) {
        builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).message(message);
        return builder.build();
    }

    @Test
    void aSessionThatIsNoLongerInProgressIsSkipped() {
        assertThat(ExportFailureMapping.outcomeOf(error(ValidationException.builder(), "ValidationException",
                "stream session is in status TERMINATED; exports need ACTIVE, CONNECTED, ...")))
                .isEqualTo(ExportOutcome.SKIPPED_NOT_IN_PROGRESS);
        assertThat(ExportFailureMapping.outcomeOf(error(ConflictException.builder(), "ConflictException",
                "the stream session has ended"))).isEqualTo(ExportOutcome.SKIPPED_NOT_IN_PROGRESS);
    }

    @Test
    void aSessionThatIsGoneIsSkipped() {
        assertThat(ExportFailureMapping.outcomeOf(error(ResourceNotFoundException.builder(), "ResourceNotFoundException",
                "no such stream session"))).isEqualTo(ExportOutcome.SKIPPED_NOT_IN_PROGRESS);
    }

    @Test
    void anyOtherRefusalOrErrorIsAFailure() {
        assertThat(ExportFailureMapping.outcomeOf(error(ValidationException.builder(), "ValidationException",
                "OutputUri must be an S3 URI"))).isEqualTo(ExportOutcome.FAILED);
        assertThat(ExportFailureMapping.outcomeOf(error(ThrottlingException.builder(), "ThrottlingException", "slow down")))
                .isEqualTo(ExportOutcome.FAILED);
        assertThat(ExportFailureMapping.outcomeOf(error(InternalServerException.builder(), "InternalServerException", "oops")))
                .isEqualTo(ExportOutcome.FAILED);
        assertThat(ExportFailureMapping.outcomeOf(error(AccessDeniedException.builder(), "AccessDeniedException", "no")))
                .isEqualTo(ExportOutcome.FAILED);
        assertThat(ExportFailureMapping.outcomeOf(SdkClientException.create("connection refused")))
                .isEqualTo(ExportOutcome.FAILED);
    }

    @Test
    void theMessageNamesTheErrorCode() {
        assertThat(ExportFailureMapping.messageOf(error(ThrottlingException.builder(), "ThrottlingException", "slow down")))
                .isEqualTo("ThrottlingException: slow down");
    }
}
