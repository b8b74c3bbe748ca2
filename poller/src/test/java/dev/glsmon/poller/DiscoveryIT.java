package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.groups.StreamGroupDiscovery;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.StreamGroupAssignment;
import dev.glsmon.schemas.TopicInitializer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class DiscoveryIT extends WithTestbed {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Map<String, StreamGroupAssignment> table() {
        Map<String, StreamGroupAssignment> table = new HashMap<>();
        bed.read(bed.topics.streamGroups()).forEach(r -> table.put(r.key(), r.value()));
        table.values().removeIf(java.util.Objects::isNull);
        return table;
    }

    private Set<String> polledGroups() {
        return bed.values(bed.topics.pollCycles()).stream().map(PollCycle::getStreamGroupId).collect(Collectors.toSet());
    }

    @Test
    void discoveredGroupsReplaceTheTopicContentAndArePolled() throws Exception {
        List<String> groups = bed.sim.control().populate(30, 3);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bed.bootstrapServers))) {
            new TopicInitializer(admin, Optional.empty()).ensure(bed.topics.all());
        }
        // left over from an earlier discovery: the group no longer exists
        bed.produce(bed.topics.streamGroups(), "sg-gone",
                StreamGroupDiscovery.configured("sg-gone", "us-west-2", Clock.systemUTC()));
        PollerConfig config = bed.config()
                .discover(true)
                .discoveryInterval(Duration.ofMillis(500))
                .coordination(Coordination.KAFKA)
                .groupId("discovery-" + bed.prefix)
                .pollInterval(Duration.ofMillis(300))
                .build();
        bed.track(PollerApp.builder(config).credentialsProvider(Testbed.CREDENTIALS).start());

        Testbed.await("the topic holds exactly the discovered groups", WAIT, () -> table().keySet().equals(Set.copyOf(groups)));
        Testbed.await("every discovered group is polled", WAIT, () -> polledGroups().containsAll(groups));

        StreamGroupAssignment one = table().get(groups.get(0));
        assertThat(one.getArn()).endsWith("streamgroup/" + groups.get(0));
        assertThat(one.getRegion()).isEqualTo("us-west-2");
        assertThat(polledGroups()).doesNotContain("sg-gone");
    }

    @Test
    void withoutCoordinationDiscoveryFeedsThisInstanceDirectly() throws Exception {
        List<String> groups = bed.sim.control().populate(20, 2);
        PollerConfig config = bed.config()
                .discover(true)
                .discoveryInterval(Duration.ofMillis(500))
                .coordination(Coordination.NONE)
                .pollInterval(Duration.ofMillis(300))
                .build();
        PollerApp app = bed.track(PollerApp.builder(config).credentialsProvider(Testbed.CREDENTIALS).start());

        Testbed.await("every discovered group is polled", WAIT, () -> polledGroups().containsAll(groups));
        assertThat(app.streamGroups().current()).containsExactlyInAnyOrderElementsOf(groups);
        assertThat(table()).as("nothing written for coordination none").isEmpty();
    }
}
