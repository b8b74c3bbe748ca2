package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.cycle.FastLane;
import dev.glsmon.poller.config.FastLaneMode;
import dev.glsmon.poller.config.FastLaneSettings;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast lane against the simulator over HTTP, publishing to a real broker. */
class FastLaneIT extends WithTestbed {

    private static final FastLaneSettings ON = FastLaneSettings.defaults().withMode(FastLaneMode.ON);

    private SessionView connectedOf(String group) {
        return bed.sim.control().sessions().stream()
                .filter(s -> s.status() == SessionStatus.CONNECTED && s.streamGroupId().equals(group))
                .findFirst().orElseThrow();
    }

    private List<SessionSnapshot> fastSnapshotsOf(String arn) {
        return bed.snapshots().stream()
                .filter(s -> s.getArn().equals(arn) && s.getCycleId().contains("/fast/"))
                .toList();
    }

    @Test
    void aDisconnectIsPublishedByTheNextFastSweepWithOneFilteredCallPerStatusAndNoMarker() throws Exception {
        List<String> groups = bed.sim.control().populate(400, 4);
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups.subList(0, 2)).fastLane(ON).build());
        FastLane lane = app.fastLane().orElseThrow();
        SessionView mine = connectedOf(groups.get(0));
        SessionView notMine = connectedOf(groups.get(3));
        bed.sim.control().transition(mine.arn(), SessionStatus.PENDING_CLIENT_RECONNECTION, null);
        bed.sim.control().transition(notMine.arn(), SessionStatus.PENDING_CLIENT_RECONNECTION, null);
        long listingsBefore = bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT);

        FastLane.Sweep sweep = lane.sweepOnce();

        assertThat(sweep.complete()).isTrue();
        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT) - listingsBefore)
                .as("one call per watched status: the watched sessions fit a page each").isEqualTo(6);
        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS)).isZero();
        assertThat(fastSnapshotsOf(mine.arn())).singleElement().satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo("PENDING_CLIENT_RECONNECTION");
            assertThat(s.getSource()).isEqualTo("ListStreamSessionsByAccount");
            assertThat(s.getLastUpdatedAt()).isEqualTo(bed.sim.control().session(mine.arn()).orElseThrow().lastUpdatedAt());
        });
        assertThat(fastSnapshotsOf(notMine.arn())).as("another instance's stream group").isEmpty();
        assertThat(bed.markers()).as("markers come from complete full sweeps only").isEmpty();

        // the client comes back: RECONNECTING is watched, CONNECTED is the full sweep's
        bed.sim.control().transition(mine.arn(), SessionStatus.RECONNECTING, null);
        lane.sweepOnce();
        bed.sim.control().transition(mine.arn(), SessionStatus.CONNECTED, null);
        FastLane.Sweep left = lane.sweepOnce();
        assertThat(left.forgotten()).isEqualTo(1);
        assertThat(fastSnapshotsOf(mine.arn())).extracting(SessionSnapshot::getStatus)
                .containsExactly("PENDING_CLIENT_RECONNECTION", "RECONNECTING");
        app.poller().pollOnce();
        assertThat(bed.snapshots()).filteredOn(s -> s.getArn().equals(mine.arn())).last()
                .extracting(SessionSnapshot::getStatus).isEqualTo("CONNECTED");
    }

    @Test
    void anActivationErrorIsPublishedAtOnceAndItsReasonFollowsFromOneGet() throws Exception {
        List<String> groups = bed.sim.control().populate(100, 1);
        PollerApp app = bed.manualApp(bed.config().streamGroups(groups).fastLane(ON).build());
        SessionView failing = bed.sim.control().createSession(groups.get(0),
                bed.sim.control().streamGroups().get(0).locationNames().get(0), SessionStatus.ACTIVATING);
        FastLane lane = app.fastLane().orElseThrow();
        lane.sweepOnce();
        bed.sim.control().transition(failing.arn(), SessionStatus.ERROR, StatusReason.PLACEMENT_TIMEOUT);

        FastLane.Sweep sweep = lane.sweepOnce();
        lane.sweepOnce();
        assertThat(app.poller().awaitEnrichment(Duration.ofSeconds(30))).isTrue();

        assertThat(sweep.gets()).isEqualTo(1);
        assertThat(bed.sim.requests().count(ApiOperation.GET_STREAM_SESSION)).as("asked once").isEqualTo(1);
        assertThat(bed.snapshots()).filteredOn(s -> s.getArn().equals(failing.arn()))
                .extracting(SessionSnapshot::getStatus, SessionSnapshot::getStatusReason, SessionSnapshot::getSource)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ACTIVATING", null, "ListStreamSessionsByAccount"),
                        org.assertj.core.groups.Tuple.tuple("ERROR", null, "ListStreamSessionsByAccount"),
                        org.assertj.core.groups.Tuple.tuple("ERROR", "placementTimeout", "GetStreamSession"));
    }

    @Test
    void autoRunsTheFastLaneOnlyWhileFullSweepsTakeLongerThanTheThreshold() throws Exception {
        List<String> groups = bed.sim.control().populate(200, 2);
        SessionView session = connectedOf(groups.get(0));
        bed.sim.control().transition(session.arn(), SessionStatus.PENDING_CLIENT_RECONNECTION, null);
        FastLaneSettings quickSweeps = new FastLaneSettings(FastLaneMode.AUTO, Duration.ofMillis(200), 0.75,
                FastLaneSettings.DEFAULT_STATUSES, Duration.ofHours(1));
        try (PollerApp app = PollerApp.builder(bed.config().streamGroups(groups).fastLane(quickSweeps)
                .pollInterval(Duration.ofMillis(500)).build()).credentialsProvider(Testbed.CREDENTIALS).start()) {
            Testbed.await("three full sweeps", Duration.ofSeconds(60), () -> bed.markers().size() >= 3 * 2 * Testbed.PARTITIONS);
        }
        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT))
                .as("sweeps are faster than an hour: off").isZero();

        FastLaneSettings slowSweeps = new FastLaneSettings(FastLaneMode.AUTO, Duration.ofMillis(200), 0.75,
                FastLaneSettings.DEFAULT_STATUSES, Duration.ofNanos(1));
        try (PollerApp app = PollerApp.builder(bed.config().streamGroups(groups).fastLane(slowSweeps)
                .pollInterval(Duration.ofMillis(500)).build()).credentialsProvider(Testbed.CREDENTIALS).start()) {
            Testbed.await("a fast sweep to publish the disconnect", Duration.ofSeconds(60),
                    () -> !fastSnapshotsOf(session.arn()).isEmpty());
        }
        assertThat(fastSnapshotsOf(session.arn())).first().extracting(SessionSnapshot::getStatus)
                .isEqualTo("PENDING_CLIENT_RECONNECTION");
    }
}
