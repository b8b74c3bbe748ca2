package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SnapshotChangesTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SnapshotChanges changes = new SnapshotChanges(new PollerMetrics(registry));

    static SessionSnapshot.Builder acknowledged() {
        return SessionSnapshot.newBuilder()
                .setArn("arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1/a")
                .setStreamGroupId("sg-1")
                .setSessionId("a")
                .setStatus("CONNECTED")
                .setLocation("us-west-2")
                .setApplicationArn("arn:aws:gameliftstreams:us-west-2:111122223333:application/a-1")
                .setUserId("u")
                .setCreatedAt(T)
                .setLastUpdatedAt(T.plusSeconds(5))
                .setObservedAt(T.plusSeconds(10))
                .setCycleId("p/sg-1/1")
                .setSource("ListStreamSessions")
                .setRegion("us-west-2");
    }

    static Stream<Arguments> changedFields() {
        return Stream.<Arguments>of(
                Arguments.of("status", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setStatus("ACTIVE")),
                Arguments.of("statusReason", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setStatusReason("idleTimeout")),
                Arguments.of("lastUpdatedAt", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setLastUpdatedAt(T.plusSeconds(6))),
                Arguments.of("createdAt", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setCreatedAt(null)),
                Arguments.of("location", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setLocation("eu-central-1")),
                Arguments.of("applicationArn", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setApplicationArn("other")),
                Arguments.of("exportFilesStatus", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setExportFilesStatus("PENDING")),
                Arguments.of("exportFilesStatusReason", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setExportFilesStatusReason("why")),
                Arguments.of("exportFilesOutputUri", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setExportFilesOutputUri("s3://b/x/")),
                Arguments.of("notFound", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setNotFound(true)),
                Arguments.of("streamGroupId", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setStreamGroupId("sg-2")),
                Arguments.of("sessionId", (UnaryOperator<SessionSnapshot.Builder>) b -> b.setSessionId("b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changedFields")
    void publishesASnapshotThatChangedAFieldConsumersRead(String field, UnaryOperator<SessionSnapshot.Builder> change) {
        SessionSnapshot candidate = change.apply(acknowledged().setObservedAt(T.plusSeconds(20))).build();

        assertThat(changes.publish(candidate, known(acknowledged().build()), false)).as(field).isTrue();
        assertThat(suppressed()).isZero();
    }

    @Test
    void dropsAndCountsARepeatThatDiffersOnlyInHowItWasObserved() {
        SessionSnapshot repeat = acknowledged().setObservedAt(T.plusSeconds(60)).setCycleId("p/sg-1/2")
                .setSource("ListStreamSessionsByAccount").setRegion(null).setUserId("someone else").build();

        assertThat(changes.publish(repeat, known(acknowledged().build()), false)).isFalse();
        assertThat(suppressed()).isEqualTo(1);
    }

    @Test
    void publishesARepeatInAFullRefresh() {
        assertThat(changes.publish(acknowledged().build(), known(acknowledged().build()), true)).isTrue();
        assertThat(suppressed()).isZero();
    }

    @Test
    void publishesASessionWithNothingAcknowledged() {
        assertThat(changes.publish(acknowledged().build(), null, false)).isTrue();
    }

    @Test
    void theCounterExistsAtZeroBeforeTheFirstRepeat() {
        assertThat(registry.find("glsmon.poller.snapshots.suppressed").counter()).isNotNull();
        assertThat(suppressed()).isZero();
    }

    private static KnownSession known(SessionSnapshot last) {
        return new KnownSession(last, null, null);
    }

    private double suppressed() {
        return registry.get("glsmon.poller.snapshots.suppressed").counter().count();
    }
}
