package dev.glsmon.poller.streamgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.schemas.StreamGroupSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamGroupResponse;
import software.amazon.awssdk.services.gameliftstreams.model.LocationState;

class StreamGroupSnapshotMapperTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static GetStreamGroupResponse.Builder response() {
        return GetStreamGroupResponse.builder().id("sg-1AB2C3De4").arn("arn:sg").status("ACTIVE")
                .lastUpdatedAt(T0)
                .locationStates(LocationState.builder().locationName("us-east-1").status("ACTIVE").alwaysOnCapacity(1)
                        .onDemandCapacity(9).requestedCapacity(10).allocatedCapacity(4).idleCapacity(6).build());
    }

    @Test
    void carriesStatusesThisSdkDoesNotKnowUnchanged() {
        StreamGroupSnapshot s = StreamGroupSnapshotMapper.of("sg-1AB2C3De4", response().status("HIBERNATING")
                .statusReason("solarFlare")
                .locationStates(LocationState.builder().locationName("us-east-1").status("DRAINING").build()).build(),
                "us-west-2", T0, "p1");

        assertThat(s.getStatus()).isEqualTo("HIBERNATING");
        assertThat(s.getStatusReason()).isEqualTo("solarFlare");
        assertThat(s.getLocations()).singleElement().satisfies(l -> {
            assertThat(l.getStatus()).isEqualTo("DRAINING");
            assertThat(l.getIdleCapacity()).as("absent, not 0").isNull();
        });
    }

    @Test
    void mapsEveryModelledCapacity() {
        StreamGroupSnapshot s = StreamGroupSnapshotMapper.of("sg-1AB2C3De4", response().build(), "us-west-2", T0, "p1");

        assertThat(s.getLocations()).singleElement().satisfies(l -> {
            assertThat(l.getAlwaysOnCapacity()).isEqualTo(1);
            assertThat(l.getOnDemandCapacity()).isEqualTo(9);
            assertThat(l.getRequestedCapacity()).isEqualTo(10);
            assertThat(l.getAllocatedCapacity()).isEqualTo(4);
            assertThat(l.getIdleCapacity()).isEqualTo(6);
        });
        assertThat(s.getLastUpdatedAt()).isEqualTo(T0);
        assertThat(s.getObservedAt()).isEqualTo(T0);
    }

    @Test
    void anAnswerWithoutAStatusIsRefused() {
        assertThatThrownBy(() -> StreamGroupSnapshotMapper.of("sg-1AB2C3De4",
                GetStreamGroupResponse.builder().id("sg-1AB2C3De4").build(), "us-west-2", T0, "p1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sg-1AB2C3De4");
    }

    @Test
    void theSameStateObservedLaterOrByAnotherPollerIsNoChange() {
        StreamGroupSnapshot a = StreamGroupSnapshotMapper.of("sg-1AB2C3De4", response().build(), "us-west-2", T0, "p1");
        StreamGroupSnapshot later = StreamGroupSnapshotMapper.of("sg-1AB2C3De4", response().build(), "us-west-2",
                T0.plusSeconds(30), "p2");
        StreamGroupSnapshot changed = StreamGroupSnapshotMapper.of("sg-1AB2C3De4", response()
                .locationStates(LocationState.builder().locationName("us-east-1").status("ACTIVE").alwaysOnCapacity(1)
                        .onDemandCapacity(9).requestedCapacity(10).allocatedCapacity(5).idleCapacity(5).build())
                .build(), "us-west-2", T0.plusSeconds(30), "p1");

        assertThat(StreamGroupSnapshotMapper.sameState(a, later)).isTrue();
        assertThat(StreamGroupSnapshotMapper.sameState(a, changed)).isFalse();
        assertThat(StreamGroupSnapshotMapper.sameState(null, a)).isFalse();
    }
}
