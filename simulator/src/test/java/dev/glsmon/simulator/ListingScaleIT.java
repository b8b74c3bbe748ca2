package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.simulator.scenario.Scenario;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * 100,000 live sessions across 200 stream groups, listed through the SDK paginators with MaxResults
 * 100. Asserts completeness and uniqueness; the timings are logged (target/failsafe-reports), not
 * asserted.
 */
class ListingScaleIT {

    private static final Logger LOG = LoggerFactory.getLogger(ListingScaleIT.class);
    private static final int SESSIONS = 100_000;
    private static final int GROUPS = 200;

    @Test
    void listsAHundredThousandSessionsAcrossTwoHundredStreamGroupsExactlyOnce() {
        ManualClock clock = new ManualClock(SimulatorFixture.START);
        try (Simulator sim = Simulator.builder().scenario(Scenario.empty()).clock(clock).requestLogCapacity(0).start();
                GameLiftStreamsClient client = Sdk.client(sim)) {
            long t0 = System.nanoTime();
            List<String> groups = sim.control().populate(SESSIONS, GROUPS);
            long populated = System.nanoTime();
            Set<String> expected = sim.control().sessions().stream().map(SessionView::arn).collect(Collectors.toSet());

            long t1 = System.nanoTime();
            List<String> byAccount = client.listStreamSessionsByAccountPaginator(r -> r.maxResults(100)).items().stream()
                    .map(StreamSessionSummary::arn).toList();
            long t2 = System.nanoTime();
            List<String> byGroup = groups.stream()
                    .flatMap(g -> client.listStreamSessionsPaginator(r -> r.identifier(g).maxResults(100)).items().stream())
                    .map(StreamSessionSummary::arn).toList();
            long t3 = System.nanoTime();

            assertThat(groups).hasSize(GROUPS);
            assertThat(expected).hasSize(SESSIONS);
            assertThat(byAccount).hasSize(SESSIONS).doesNotHaveDuplicates();
            assertThat(new HashSet<>(byAccount)).isEqualTo(expected);
            assertThat(byGroup).hasSize(SESSIONS).doesNotHaveDuplicates();
            assertThat(new HashSet<>(byGroup)).isEqualTo(expected);
            assertThat(sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT)).isEqualTo(SESSIONS / 100);

            LOG.info("SCALE populate {} sessions / {} groups: {} ms", SESSIONS, GROUPS, (populated - t0) / 1_000_000);
            LOG.info("SCALE ListStreamSessionsByAccount paginator, {} pages of 100: {} ms", SESSIONS / 100,
                    (t2 - t1) / 1_000_000);
            LOG.info("SCALE ListStreamSessions paginators over {} groups ({} pages): {} ms", GROUPS,
                    sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS), (t3 - t2) / 1_000_000);
        }
    }
}
