package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

class ExportStreamSessionFilesTest {

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"ACTIVE", "CONNECTED", "PENDING_CLIENT_RECONNECTION", "RECONNECTING"})
    void acceptsAnExportWhileTheSessionIsInProgress(SessionStatus status) {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(status);

            f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())
                    .outputUri("s3://amzn-s3-demo-destination-bucket/MyGame_Session1.zip"));

            ExportFilesMetadata meta = metadata(f, s);
            assertThat(meta.status()).isEqualTo(ExportFilesStatus.PENDING);
            assertThat(meta.outputUri()).isEqualTo("s3://amzn-s3-demo-destination-bucket/MyGame_Session1.zip");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"ACTIVATING", "TERMINATING", "TERMINATED", "ERROR"})
    void refusesAnExportOutsideTheInProgressStatuses(SessionStatus status) {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.ACTIVATING);
            if (status != SessionStatus.ACTIVATING) {
                f.sim.control().transition(s.id(), status, null);
            }

            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                    .streamSessionIdentifier(s.id()).outputUri("s3://bucket/a.zip")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining(status.name());
            assertThat(metadata(f, s)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bucket/a.zip", "s3://bucket/a.tar", "s3://bucket/prefix", "s3://bucket", "s3://B/a.zip", ""})
    void refusesAnOutputUriThatIsNeitherAZipNorAPrefix(String uri) {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.CONNECTED);

            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                    .streamSessionIdentifier(s.id()).outputUri(uri)))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void answersNotFoundForAnUnknownSession() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                    .streamSessionIdentifier("ABC123def4567").outputUri("s3://bucket/a.zip")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-session-1", "ABC123def4567ABC123def4567ABC123def4567",
        "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/GROUP/unknown-2"})
    void answersNotFoundForAWellFormedUnknownIdentifier(String identifier) {
        try (SimulatorFixture f = new SimulatorFixture()) {
            String id = identifier.replace("GROUP", f.group.id());
            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                    .streamSessionIdentifier(id).outputUri("s3://bucket/a.zip")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier("unknown-group-1")
                    .streamSessionIdentifier("abc").outputUri("s3://bucket/a.zip")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"under_score", "dot.ted", "a b", "arn:aws:gameliftstreams:us-west-2:1:streamsession/sg/x"})
    void refusesAnIdentifierOutsideTheModelsPattern(String identifier) {
        try (SimulatorFixture f = new SimulatorFixture()) {
            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                    .streamSessionIdentifier(identifier).outputUri("s3://bucket/a.zip")))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void refusesAnIdentifierLongerThan128Characters() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            assertThatThrownBy(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                    .streamSessionIdentifier("a".repeat(129)).outputUri("s3://bucket/a.zip")))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void acceptsAnUpperCaseZipName() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.CONNECTED);

            f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())
                    .outputUri("s3://bucket/crash/SESSION.ZIP"));

            assertThat(metadata(f, s).outputUri()).isEqualTo("s3://bucket/crash/SESSION.ZIP");
        }
    }

    @Test
    void aPrefixExportSucceedsWithAGeneratedFileNameAfterTheSessionEnds() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.CONNECTED);
            f.client.exportStreamSessionFiles(r -> r.identifier(f.group.arn()).streamSessionIdentifier(s.arn())
                    .outputUri("s3://bucket/MyGameSessions_ExportedFiles/"));
            f.advance(Duration.ofSeconds(3_725));
            f.sim.control().transition(s.id(), SessionStatus.TERMINATED, StatusReason.APPLICATION_EXIT);

            assertThat(metadata(f, s).status()).as("uploading after the end").isEqualTo(ExportFilesStatus.PENDING);

            f.advance(Duration.ofMinutes(5));

            ExportFilesMetadata meta = metadata(f, s);
            assertThat(meta.status()).isEqualTo(ExportFilesStatus.SUCCEEDED);
            String appId = f.group.applicationArn().substring(f.group.applicationArn().lastIndexOf('/') + 1);
            assertThat(meta.outputUri()).isEqualTo("s3://bucket/MyGameSessions_ExportedFiles/20260101-010205-"
                    + appId + "-" + f.group.id() + "-" + s.id() + ".zip");
            assertThat(meta.statusReason()).isNull();
            assertThat(exportTruth(f, s)).extracting(TruthEvent::from, TruthEvent::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "PENDING"),
                            org.assertj.core.groups.Tuple.tuple("PENDING", "SUCCEEDED"));
        }
    }

    @Test
    void aZipExportSucceedsAtExactlyTheGivenUri() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.RECONNECTING);
            f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())
                    .outputUri("s3://amzn-s3-demo-destination-bucket/MyGame_Session1.zip"));
            f.client.terminateStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id()));
            f.advance(Duration.ofMinutes(5));

            ExportFilesMetadata meta = metadata(f, s);
            assertThat(meta.status()).isEqualTo(ExportFilesStatus.SUCCEEDED);
            assertThat(meta.outputUri()).isEqualTo("s3://amzn-s3-demo-destination-bucket/MyGame_Session1.zip");
        }
    }

    @Test
    void anExportFailsWithAReasonAtTheConfiguredFailureRate() {
        Scenario alwaysFails = Scenario.parse("{\"lifecycle\": {\"exportFailureProbability\": 1.0}}");
        try (SimulatorFixture f = new SimulatorFixture(alwaysFails)) {
            SessionView s = f.session(SessionStatus.PENDING_CLIENT_RECONNECTION);
            f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())
                    .outputUri("s3://bucket/out.zip"));
            f.sim.control().terminate(s.id());
            f.advance(Duration.ofMinutes(5));

            ExportFilesMetadata meta = metadata(f, s);
            assertThat(meta.status()).isEqualTo(ExportFilesStatus.FAILED);
            assertThat(meta.statusReason()).isNotBlank();
            assertThat(exportTruth(f, s)).last().satisfies(e -> {
                assertThat(e.to()).isEqualTo("FAILED");
                assertThat(e.reason()).isEqualTo(meta.statusReason());
            });
        }
    }

    @Test
    void aSecondExportRequestReplacesTheOutputUri() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.CONNECTED);
            for (String uri : List.of("s3://bucket/one.zip", "s3://bucket/two.zip")) {
                assertThatCode(() -> f.client.exportStreamSessionFiles(r -> r.identifier(f.group.id())
                        .streamSessionIdentifier(s.id()).outputUri(uri))).doesNotThrowAnyException();
            }

            assertThat(metadata(f, s).outputUri()).isEqualTo("s3://bucket/two.zip");
        }
    }

    private static ExportFilesMetadata metadata(SimulatorFixture f, SessionView s) {
        return f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id())).exportFilesMetadata();
    }

    private static List<TruthEvent> exportTruth(SimulatorFixture f, SessionView s) {
        return f.sim.truth().forSession(s.arn()).stream().filter(e -> e.kind() == TruthEvent.Kind.EXPORT).toList();
    }
}
