package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatusReason;

class TerminateStreamSessionTest {

    private final SimulatorFixture f = new SimulatorFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void terminatesThroughTerminatingWithApiTerminated() {
        SessionView s = f.session(SessionStatus.CONNECTED);

        f.client.terminateStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id()));

        assertThat(get(s).status()).isEqualTo(StreamSessionStatus.TERMINATING);
        assertThat(get(s).statusReason()).isNull();

        f.advance(Duration.ofMinutes(1));

        GetStreamSessionResponse ended = get(s);
        assertThat(ended.status()).isEqualTo(StreamSessionStatus.TERMINATED);
        assertThat(ended.statusReason()).isEqualTo(StreamSessionStatusReason.API_TERMINATED);
        assertThat(f.sim.truth().forSession(s.arn())).extracting(TruthEvent::from, TruthEvent::to, TruthEvent::reason)
                .containsExactly(
                        tuple(null, "CONNECTED", null),
                        tuple("CONNECTED", "TERMINATING", null),
                        tuple("TERMINATING", "TERMINATED", "apiTerminated"));
    }

    @Test
    void terminatingAnEndedSessionChangesNothing() {
        SessionView s = f.session(SessionStatus.ACTIVE);
        f.sim.control().transition(s.id(), SessionStatus.TERMINATED, StatusReason.CONNECTION_TIMEOUT);

        f.client.terminateStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.arn()));

        assertThat(get(s).statusReason()).isEqualTo(StreamSessionStatusReason.CONNECTION_TIMEOUT);
    }

    @Test
    void answersNotFoundForAnUnknownSession() {
        assertThatThrownBy(() -> f.client.terminateStreamSession(r -> r.identifier(f.group.id())
                .streamSessionIdentifier("ABC123def4567"))).isInstanceOf(ResourceNotFoundException.class);
    }

    private GetStreamSessionResponse get(SessionView s) {
        return f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id()));
    }
}
