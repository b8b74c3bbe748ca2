package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatusReason;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

class GetStreamSessionTest {

    private final SimulatorFixture f = new SimulatorFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void returnsEveryFieldOfTheSession() {
        SessionView s = f.session(SessionStatus.CONNECTED);

        GetStreamSessionResponse r = f.client.getStreamSession(b -> b.identifier(f.group.id()).streamSessionIdentifier(s.id()));

        assertThat(r.arn()).isEqualTo(s.arn());
        assertThat(r.description()).isNotBlank();
        assertThat(r.streamGroupId()).isEqualTo(f.group.id()).matches("sg-[A-Za-z0-9]{9}");
        assertThat(r.userId()).isEqualTo(s.userId());
        assertThat(r.status()).isEqualTo(StreamSessionStatus.CONNECTED);
        assertThat(r.statusReason()).isNull();
        assertThat(r.protocolAsString()).isEqualTo("WebRTC");
        assertThat(r.location()).isEqualTo(SimulatorFixture.LOCATION);
        assertThat(r.signalRequest()).isNotBlank();
        assertThat(r.signalResponse()).isNotBlank();
        assertThat(r.connectionTimeoutSeconds()).isEqualTo(120);
        assertThat(r.sessionLengthSeconds()).isEqualTo(43_200);
        assertThat(r.hasAdditionalLaunchArgs()).isTrue();
        assertThat(r.hasAdditionalEnvironmentVariables()).isTrue();
        assertThat(r.logFileLocationUri()).startsWith("s3://");
        assertThat(r.webSdkProtocolUrl()).startsWith("https://");
        assertThat(r.createdAt()).isEqualTo(SimulatorFixture.START);
        assertThat(r.lastUpdatedAt()).isEqualTo(SimulatorFixture.START);
        assertThat(r.applicationArn()).isEqualTo(f.group.applicationArn());
        assertThat(r.exportFilesMetadata()).isNull();
    }

    @Test
    void acceptsArnsForTheStreamGroupAndTheSession() {
        SessionView s = f.session(SessionStatus.ACTIVE);

        GetStreamSessionResponse r = f.client.getStreamSession(b -> b.identifier(f.group.arn()).streamSessionIdentifier(s.arn()));

        assertThat(r.arn()).isEqualTo(s.arn());
    }

    @Test
    void showsTheReasonOfAnEndedSessionAndWhenItChanged() {
        SessionView s = f.session(SessionStatus.CONNECTED);
        f.advance(Duration.ofSeconds(90));
        f.sim.control().transition(s.id(), SessionStatus.TERMINATED, StatusReason.IDLE_TIMEOUT);

        GetStreamSessionResponse r = f.client.getStreamSession(b -> b.identifier(f.group.id()).streamSessionIdentifier(s.id()));

        assertThat(r.status()).isEqualTo(StreamSessionStatus.TERMINATED);
        assertThat(r.statusReason()).isEqualTo(StreamSessionStatusReason.IDLE_TIMEOUT);
        assertThat(r.lastUpdatedAt()).isEqualTo(SimulatorFixture.START.plusSeconds(90));
        assertThat(r.createdAt()).isEqualTo(SimulatorFixture.START);
    }

    @Test
    void answersNotFoundForAnUnknownSessionOrTheWrongStreamGroup() {
        SessionView s = f.session(SessionStatus.ACTIVE);
        StreamGroupView other = f.sim.control().createStreamGroup("other", "us-east-1");

        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier(f.group.id()).streamSessionIdentifier("ABC123def4567")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier(other.id()).streamSessionIdentifier(s.id())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier(other.id()).streamSessionIdentifier(s.arn())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesMalformedIdentifiers() {
        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier("group_1").streamSessionIdentifier("ABC123def4567")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier("group-1").streamSessionIdentifier("ABC123def4567")))
                .as("well-formed per the model (^[a-zA-Z0-9-]+$), unknown").isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier(f.group.id()).streamSessionIdentifier("no_such:id")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void endedSessionsVanishAfterTheRetentionTime() {
        SessionView s = f.session(SessionStatus.CONNECTED);
        f.sim.control().transition(s.id(), SessionStatus.ERROR, StatusReason.INTERNAL_ERROR);
        f.advance(Duration.ofMinutes(14));

        assertThat(f.client.getStreamSession(b -> b.identifier(f.group.id()).streamSessionIdentifier(s.id())).status())
                .isEqualTo(StreamSessionStatus.ERROR);

        f.advance(Duration.ofMinutes(2)); // the empty scenario keeps ended sessions 15 minutes

        assertThatThrownBy(() -> f.client.getStreamSession(b -> b.identifier(f.group.id()).streamSessionIdentifier(s.id())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(f.client.listStreamSessions(b -> b.identifier(f.group.id())).items()).isEmpty();
        assertThat(f.sim.truth().forSession(s.arn())).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TruthEvent.Kind.REMOVED);
            assertThat(e.time()).isEqualTo(SimulatorFixture.START.plus(Duration.ofMinutes(15)));
        });
    }
}
