package dev.glsmon.poller.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.common.export.OutputUriPolicy;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.gameliftstreams.model.InternalServerException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

class ExportCommandHandlerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1/s-1";

    private final List<String> calls = new ArrayList<>();
    private final ExecutedCommands executed = new ExecutedCommands(100);
    private String sessionStatus = "CONNECTED";
    private ExportApi api = (group, session, uri) -> {
        calls.add(group + "/" + session + " -> " + uri);
        return 1;
    };

    private ExportCommandHandler handler() {
        return new ExportCommandHandler((g, s, u) -> api.export(g, s, u), (g, s) -> Optional.ofNullable(sessionStatus),
                OutputUriPolicy.of(List.of("s3://exports/")), executed, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ExportCommand command(String id, String uri) {
        return ExportCommand.newBuilder()
                .setCommandId(id)
                .setArn(ARN)
                .setSessionId("s-1")
                .setStreamGroupId("sg-1")
                .setRule("CLIENT_DISCONNECT")
                .setOutputUri(uri)
                .setStatusAtIssue("PENDING_CLIENT_RECONNECTION")
                .setIssuedAt(NOW)
                .build();
    }

    @Test
    void anAllowedCommandIsRequested() {
        ExportResult result = handler().handle(command("c1", "s3://exports/a.zip")).orElseThrow();

        assertThat(calls).containsExactly("sg-1/s-1 -> s3://exports/a.zip");
        assertThat(result.getOutcome()).isEqualTo("REQUESTED");
        assertThat(result.getCommandId()).isEqualTo("c1");
        assertThat(result.getArn()).isEqualTo(ARN);
        assertThat(result.getOutputUri()).isEqualTo("s3://exports/a.zip");
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getMessage()).isNull();
        assertThat(result.getExecutedAt()).isEqualTo(NOW);
    }

    @Test
    void aUriOutsideTheAllowListIsRejectedWithoutACall() {
        ExportResult result = handler().handle(command("c1", "s3://elsewhere/a.zip")).orElseThrow();

        assertThat(calls).isEmpty();
        assertThat(result.getOutcome()).isEqualTo("REJECTED");
        assertThat(result.getReason()).isEqualTo("URI_NOT_ALLOWED");
        assertThat(result.getAttempts()).isZero();
        assertThat(result.getMessage()).contains("not under any allowed prefix");
    }

    @Test
    void anExecutedCommandIsNotExecutedAgain() {
        executed.add("c1");

        Optional<ExportResult> result = handler().handle(command("c1", "s3://exports/a.zip"));

        assertThat(result).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void aRefusalForASessionNoLongerInProgressIsASkipWithItsTypedReason() {
        sessionStatus = "TERMINATED";
        api = (g, s, u) -> {
            throw new ExportApi.AttemptedException(ValidationException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                            .errorMessage("stream session status TERMINATED does not allow exports").build())
                    .build(), 1);
        };

        ExportResult result = handler().handle(command("c1", "s3://exports/a.zip")).orElseThrow();

        assertThat(result.getOutcome()).isEqualTo("SKIPPED_NOT_IN_PROGRESS");
        assertThat(result.getReason()).isEqualTo("NOT_IN_PROGRESS");
        assertThat(result.getMessage()).isEqualTo("the session is TERMINATED, no longer in progress");
        assertThat(result.getStage()).isEqualTo("EXECUTED");
        assertThat(result.getRule()).isEqualTo("CLIENT_DISCONNECT");
    }

    @Test
    void aServerErrorAfterRetriesIsAFailureWithItsAttempts() {
        api = (g, s, u) -> {
            throw new ExportApi.AttemptedException(InternalServerException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerException").errorMessage("boom").build())
                    .build(), 8);
        };

        ExportResult result = handler().handle(command("c1", "s3://exports/a.zip")).orElseThrow();

        assertThat(result.getOutcome()).isEqualTo("FAILED");
        assertThat(result.getAttempts()).isEqualTo(8);
        assertThat(result.getReason()).isEqualTo("SERVER_ERROR");
        assertThat(result.getMessage()).doesNotContain("boom");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"s_1", "s 1", "../s1"})
    void anIdentifierOutsideTheModelsFormIsRejectedWithoutACall(String session) {
        ExportCommand odd = ExportCommand.newBuilder(command("c3", "s3://exports/p/")).setSessionId(session).build();

        ExportResult result = handler().handle(odd).orElseThrow();

        assertThat(calls).isEmpty();
        assertThat(result.getOutcome()).isEqualTo("REJECTED");
        assertThat(result.getReason()).isEqualTo("INVALID_IDENTIFIER");
    }

    @Test
    void anIdentifierOf128CharactersIsSentAndOneOf129IsNot() {
        handler().handle(ExportCommand.newBuilder(command("c4", "s3://exports/p/")).setSessionId("a".repeat(128)).build());
        handler().handle(ExportCommand.newBuilder(command("c5", "s3://exports/p/")).setSessionId("a".repeat(129)).build());

        assertThat(calls).containsExactly("sg-1/" + "a".repeat(128) + " -> s3://exports/p/");
    }

    @Test
    void theSessionIsTakenFromTheArnWhenTheCommandOmitsIt() {
        ExportCommand bare = ExportCommand.newBuilder(command("c2", "s3://exports/p/")).setSessionId("").setStreamGroupId("").build();

        handler().handle(bare);

        assertThat(calls).containsExactly("sg-1/s-1 -> s3://exports/p/");
    }

    @Test
    void executedIdsAreBounded() {
        ExecutedCommands small = new ExecutedCommands(2);
        small.add("a");
        small.add("b");
        small.add("c");

        assertThat(small.contains("a")).isFalse();
        assertThat(small.contains("b")).isTrue();
        assertThat(small.contains("c")).isTrue();
    }
}
