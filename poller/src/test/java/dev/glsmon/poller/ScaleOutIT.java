package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.StreamGroupAssignment;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Poller instances of one consumer group share the stream groups through the compacted stream-groups topic. */
class ScaleOutIT extends WithTestbed {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private PollerApp instance(String pollerId, List<String> groups) throws InterruptedException {
        PollerConfig config = bed.config()
                .streamGroups(groups)
                .coordination(Coordination.KAFKA)
                .groupId("pollers-" + bed.prefix)
                .pollInterval(Duration.ofMillis(250))
                .pollerId(pollerId)
                .build();
        return bed.track(PollerApp.builder(config).credentialsProvider(Testbed.CREDENTIALS).start());
    }

    /** Partition-0 copy of each marker: one per group cycle. */
    private List<PollCycle> cycles() {
        return bed.markers().stream().filter(m -> m.partition() == 0).map(Testbed.Located::value).toList();
    }

    private Set<String> polledBy(String pollerId, Instant after) {
        return cycles().stream()
                .filter(c -> pollerId.equals(c.getPollerId()) && c.getStartedAt().isAfter(after))
                .map(PollCycle::getStreamGroupId)
                .collect(Collectors.toSet());
    }

    @Test
    void twoInstancesSplitTheGroupsAndTheSurvivorTakesOverWhenOneStops() throws Exception {
        List<String> groups = bed.sim.control().populate(240, 12);
        PollerApp a = instance("poller-a", groups);
        Testbed.await("poller-a polls every group", WAIT, () -> polledBy("poller-a", Instant.EPOCH).size() == 12);
        assertThat(bed.values(bed.topics.streamGroups())).extracting(StreamGroupAssignment::getStreamGroupId)
                .containsExactlyInAnyOrderElementsOf(groups);

        PollerApp b = instance("poller-b", groups);
        Testbed.await("poller-b has groups of its own", WAIT, () -> !b.streamGroups().current().isEmpty()
                && polledBy("poller-b", Instant.EPOCH).containsAll(b.streamGroups().current()));
        Instant split = Instant.now();
        Testbed.await("both poll after the split", WAIT, () -> {
            Set<String> byA = polledBy("poller-a", split);
            Set<String> byB = polledBy("poller-b", split);
            return byA.equals(a.streamGroups().current()) && byB.equals(b.streamGroups().current());
        });
        Set<String> ofA = a.streamGroups().current();
        Set<String> ofB = b.streamGroups().current();
        assertThat(ofA).isNotEmpty().doesNotContainAnyElementsOf(ofB);
        Set<String> union = new HashSet<>(ofA);
        union.addAll(ofB);
        assertThat(union).containsExactlyInAnyOrderElementsOf(groups);

        a.close();
        Instant stopped = Instant.now();
        Testbed.await("poller-b takes every group over", WAIT, () -> polledBy("poller-b", stopped).size() == 12);

        assertNoGroupPolledByTwoAtOnce();
    }

    /** For each group, cycles of different instances never overlap in time. */
    private void assertNoGroupPolledByTwoAtOnce() {
        Map<String, List<PollCycle>> byGroup = cycles().stream().collect(Collectors.groupingBy(PollCycle::getStreamGroupId));
        byGroup.forEach((group, cycles) -> {
            List<PollCycle> ordered = cycles.stream().sorted(Comparator.comparing(PollCycle::getStartedAt)).toList();
            for (int i = 1; i < ordered.size(); i++) {
                PollCycle previous = ordered.get(i - 1);
                PollCycle current = ordered.get(i);
                if (!previous.getPollerId().equals(current.getPollerId())) {
                    assertThat(current.getStartedAt()).as("group %s handed from %s to %s", group,
                            previous.getPollerId(), current.getPollerId()).isAfterOrEqualTo(previous.getCompletedAt());
                }
            }
        });
    }
}
