package dev.glsmon.common.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;

class SessionStatusTest {

    @Test
    void everyStatusTheSdkModelsAndNoOther() {
        Set<String> sdk = StreamSessionStatus.knownValues().stream().map(StreamSessionStatus::toString)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(EnumSet.allOf(SessionStatus.class)).extracting(SessionStatus::name)
                .containsExactlyInAnyOrderElementsOf(sdk);
    }

    @Test
    void endedStatusesHaveNoEdgeOutAndEveryOtherReachesAnEnd() {
        for (SessionStatus status : SessionStatus.values()) {
            assertThat(status.next().isEmpty()).as("%s has no edge out", status).isEqualTo(status.isEnded());
            assertThat(reachesAnEnd(status, EnumSet.noneOf(SessionStatus.class))).as("%s reaches an end", status)
                    .isTrue();
        }
    }

    @Test
    void theDocumentedEdges() {
        assertThat(SessionStatus.ACTIVATING.next()).containsExactlyInAnyOrder(SessionStatus.ACTIVE, SessionStatus.ERROR,
                SessionStatus.TERMINATING);
        assertThat(SessionStatus.RECONNECTING.next()).contains(SessionStatus.ERROR, SessionStatus.CONNECTED);
        assertThat(SessionStatus.CONNECTED.next()).doesNotContain(SessionStatus.TERMINATED, SessionStatus.ERROR);
        assertThat(SessionStatus.TERMINATING.next()).containsExactly(SessionStatus.TERMINATED);
    }

    @Test
    void exportableIsInProgress() {
        assertThat(SessionStatus.EXPORTABLE).containsExactlyInAnyOrder(SessionStatus.ACTIVE, SessionStatus.CONNECTED,
                SessionStatus.PENDING_CLIENT_RECONNECTION, SessionStatus.RECONNECTING);
        assertThat(SessionStatus.isExportable("CONNECTED")).isTrue();
        assertThat(SessionStatus.isExportable("TERMINATING")).isFalse();
    }

    @Test
    void anUnknownWireValueIsNoStatusAndNoException() {
        assertThat(SessionStatus.find("HIBERNATING")).isEmpty();
        assertThat(SessionStatus.find(null)).isEmpty();
        assertThat(SessionStatus.isEnded("HIBERNATING")).isFalse();
        assertThat(SessionStatus.isEnded("ERROR")).isTrue();
        assertThatThrownBy(() -> SessionStatus.fromWire("HIBERNATING")).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean reachesAnEnd(SessionStatus status, Set<SessionStatus> seen) {
        if (status.isEnded()) {
            return true;
        }
        if (!seen.add(status)) {
            return false;
        }
        return status.next().stream().anyMatch(next -> reachesAnEnd(next, seen));
    }
}
