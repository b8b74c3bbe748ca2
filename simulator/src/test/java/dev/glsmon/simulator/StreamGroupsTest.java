package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.simulator.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamGroupResponse;
import software.amazon.awssdk.services.gameliftstreams.model.LocationState;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;

class StreamGroupsTest {

    private final SimulatorFixture f = new SimulatorFixture(Scenario.demo().withWarmUp(java.time.Duration.ZERO));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void listsEveryStreamGroupForDiscovery() {
        List<StreamGroupSummary> groups = f.client.listStreamGroupsPaginator(r -> r.maxResults(2)).items().stream().toList();

        assertThat(groups).extracting(StreamGroupSummary::id)
                .containsExactlyInAnyOrder("sg-RACE0prod", "sg-PUZL0prod", "sg-RPG00prod", "sg-ARCD0beta", f.group.id());
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.arn()).isEqualTo("arn:aws:gameliftstreams:us-west-2:111122223333:streamgroup/" + g.id());
            assertThat(g.statusAsString()).isEqualTo("ACTIVE");
            assertThat(g.defaultApplication().arn()).contains(":application/a-");
        });
    }

    @Test
    void describesTheLocationsAndCapacityOfAStreamGroup() {
        StreamGroupView group = f.sim.control().createStreamGroup("capacity", Map.of("ap-northeast-1", 3));
        f.sim.control().createSession(group.id(), "ap-northeast-1", SessionStatus.CONNECTED);

        GetStreamGroupResponse r = f.client.getStreamGroup(b -> b.identifier(group.arn()));

        assertThat(r.id()).isEqualTo(group.id());
        assertThat(r.description()).isEqualTo("capacity");
        assertThat(r.locationStates()).singleElement().satisfies(loc -> {
            assertThat(loc.locationName()).isEqualTo("ap-northeast-1");
            assertThat(loc.allocatedCapacity()).isEqualTo(1);
            assertThat(loc.idleCapacity()).isEqualTo(2);
        });
        assertThat(f.client.getStreamGroup(b -> b.identifier("sg-RACE0prod")).locationStates())
                .extracting(LocationState::locationName).containsExactly("us-west-2", "us-east-1");
    }

    @Test
    void answersNotFoundForAnUnknownStreamGroup() {
        assertThatThrownBy(() -> f.client.getStreamGroup(b -> b.identifier("sg-000000000")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
