package dev.glsmon.poller.cycle;

import dev.glsmon.poller.config.FastLaneMode;
import dev.glsmon.poller.config.FastLaneSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.aws.ListingPage;
import dev.glsmon.poller.aws.TokenBucket;
import dev.glsmon.schemas.SessionSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

class FastLaneTest {

    private static final String MINE = "sg-1";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CycleFixture fixture = new CycleFixture(T0, 1);
    private final SessionMemory memory = fixture.memory;
    private final SnapshotMapper mapper = fixture.mapper;
    private final List<String> gets = fixture.asked;
    /** What each status lists now, page by page. */
    private final Map<String, List<List<StreamSessionSummary>>> listing = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final long[] now = {0};
    private final TokenBucket bucket = new TokenBucket(1, 1, () -> now[0], nanos -> now[0] += nanos);

    @AfterEach
    void close() {
        fixture.close();
    }

    private FastLane lane(FastLaneSettings settings) {
        FastLane.StatusPages pages = (status, token) -> {
            calls.add(status + (token == null ? "" : "@" + token));
            if ("FAIL".equals(token) || listing.containsKey("fail:" + status)) {
                throw SdkClientException.create("listing failed");
            }
            List<List<StreamSessionSummary>> ofStatus = listing.getOrDefault(status, List.of(List.of()));
            int index = token == null ? 0 : Integer.parseInt(token);
            String next = index + 1 < ofStatus.size() ? String.valueOf(index + 1) : null;
            return new ListingPage(ofStatus.get(index), Map.of(), next);
        };
        return new FastLane(fixture.ctx, pages, settings, () -> Set.of(MINE), () -> 16.0, bucket,
                new FastLaneMetrics(new SimpleMeterRegistry()));
    }

    private FastLane lane() {
        return lane(FastLaneSettings.defaults().withMode(FastLaneMode.ON));
    }

    private static StreamSessionSummary item(String group, String id, String status, Instant lastUpdatedAt) {
        return StreamSessionSummary.builder()
                .arn(CycleFixture.ARN_PREFIX + group + "/" + id)
                .status(status)
                .location("us-west-2")
                .lastUpdatedAt(lastUpdatedAt)
                .build();
    }

    private void lists(String status, StreamSessionSummary... items) {
        listing.put(status, List.of(List.of(items)));
    }

    @Test
    void publishesASessionOfItsGroupsInAWatchedStatusAsAnOrdinarySnapshot() throws Exception {
        lists("PENDING_CLIENT_RECONNECTION", item(MINE, "s-1", "PENDING_CLIENT_RECONNECTION", T0),
                item("sg-other", "s-2", "PENDING_CLIENT_RECONNECTION", T0));

        FastLane.Sweep sweep = lane().sweepOnce();

        assertThat(sweep.complete()).isTrue();
        assertThat(fixture.published()).singleElement().satisfies(s -> {
            assertThat(s.getSessionId()).isEqualTo("s-1");
            assertThat(s.getStatus()).isEqualTo("PENDING_CLIENT_RECONNECTION");
            assertThat(s.getSource()).isEqualTo(Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT);
            assertThat(s.getCycleId()).startsWith("p1/fast/");
            assertThat(s.getLastUpdatedAt()).isEqualTo(T0);
        });
    }

    @Test
    void anItemWhoseArnNamesNoGroupIsSkippedAndTheSweepGoesOn() throws Exception {
        StreamSessionSummary placeless = item(MINE, "x", "TERMINATING", T0).toBuilder().arn("not-an-arn").build();
        lists("TERMINATING", placeless, item(MINE, "s-1", "TERMINATING", T0));
        lists("ACTIVE", item(MINE, "s-2", "ACTIVE", T0));

        FastLane.Sweep sweep = lane().sweepOnce();

        assertThat(sweep.complete()).isTrue();
        assertThat(fixture.published()).extracting(SessionSnapshot::getSessionId).containsExactly("s-1", "s-2");
    }

    @Test
    void listsEveryWatchedStatusToItsLastPageOnce() throws Exception {
        listing.put("TERMINATING", List.of(List.of(item(MINE, "a", "TERMINATING", T0)),
                List.of(item(MINE, "b", "TERMINATING", T0))));

        FastLane.Sweep sweep = lane().sweepOnce();

        assertThat(calls).containsExactly("PENDING_CLIENT_RECONNECTION", "RECONNECTING", "TERMINATING", "TERMINATING@1",
                "ERROR", "ACTIVATING", "ACTIVE");
        assertThat(sweep.calls()).isEqualTo(7);
        assertThat(sweep.published()).isEqualTo(2);
    }

    @Test
    void publishesASessionAgainOnlyWhenItsStatusOrLastUpdatedAtChanged() throws Exception {
        FastLane lane = lane();
        lists("PENDING_CLIENT_RECONNECTION", item(MINE, "s-1", "PENDING_CLIENT_RECONNECTION", T0));
        lane.sweepOnce();
        assertThat(lane.sweepOnce().published()).as("unchanged").isZero();

        listing.clear();
        lists("RECONNECTING", item(MINE, "s-1", "RECONNECTING", T0.plusSeconds(5)));
        assertThat(lane.sweepOnce().published()).isEqualTo(1);

        listing.clear();
        lists("PENDING_CLIENT_RECONNECTION", item(MINE, "s-1", "PENDING_CLIENT_RECONNECTION", T0.plusSeconds(9)));
        assertThat(lane.sweepOnce().published()).as("a second disconnect").isEqualTo(1);
        assertThat(fixture.published()).extracting(SessionSnapshot::getStatus)
                .containsExactly("PENDING_CLIENT_RECONNECTION", "RECONNECTING", "PENDING_CLIENT_RECONNECTION");
    }

    @Test
    void aSessionThatLeavesTheWatchedStatusesIsForgottenNotReported() throws Exception {
        FastLane lane = lane();
        lists("TERMINATING", item(MINE, "s-1", "TERMINATING", T0));
        lane.sweepOnce();
        listing.clear();

        FastLane.Sweep after = lane.sweepOnce();

        assertThat(after.forgotten()).isEqualTo(1);
        assertThat(after.published()).isZero();
        assertThat(fixture.published()).as("no snapshot, no guess where it went").hasSize(1);
        assertThat(gets).as("the full sweep reports its end").isEmpty();
    }

    @Test
    void aFailedListingForgetsNothingAndLeavesTheSweepIncomplete() throws Exception {
        FastLane lane = lane();
        lists("TERMINATING", item(MINE, "s-1", "TERMINATING", T0));
        lane.sweepOnce();
        listing.clear();
        listing.put("fail:TERMINATING", List.of());

        FastLane.Sweep failed = lane.sweepOnce();

        assertThat(failed.complete()).isFalse();
        assertThat(failed.forgotten()).isZero();
        assertThat(calls).as("the other statuses are still listed").endsWith("ERROR", "ACTIVATING", "ACTIVE");
        listing.clear();
        lists("TERMINATING", item(MINE, "s-1", "TERMINATING", T0));
        assertThat(lane.sweepOnce().published()).as("still known: not published again").isZero();
    }

    @Test
    void anErrorWithoutItsReasonQueuesOneGetWhoseAnswerCarriesTheReason() throws Exception {
        FastLane lane = lane();
        lists("ERROR", item(MINE, "s-1", "ERROR", T0));

        assertThat(lane.sweepOnce().gets()).isEqualTo(1);
        assertThat(lane.sweepOnce().gets()).as("asked once").isZero();
        assertThat(fixture.enricher.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(gets).containsExactly("s-1");
        assertThat(fixture.published()).extracting(SessionSnapshot::getSource, SessionSnapshot::getStatusReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT, null),
                        org.assertj.core.groups.Tuple.tuple(Sources.GET_STREAM_SESSION, "internalError"));
    }

    @Test
    void aReasonTheFullSweepKnowsIsCarriedAndNotAskedAgain() throws Exception {
        SessionSnapshot known = mapper.fromListing(item(MINE, "s-1", "ERROR", T0), "placementTimeout", MINE, "c", T0,
                Sources.LIST_STREAM_SESSIONS);
        memory.replace(MINE, Map.of(known.getArn(), new KnownSession(known, null, null)));
        lists("ERROR", item(MINE, "s-1", "ERROR", T0));

        FastLane.Sweep sweep = lane().sweepOnce();

        assertThat(sweep.gets()).isZero();
        assertThat(fixture.published()).singleElement().extracting(SessionSnapshot::getStatusReason).isEqualTo("placementTimeout");
    }

    @Test
    void pacesItsCallsAtItsShareOfTheByAccountPace() throws Exception {
        FastLaneSettings half = new FastLaneSettings(FastLaneMode.ON, Duration.ofSeconds(1), 0.5,
                List.of("TERMINATING", "ERROR", "ACTIVE", "ACTIVATING", "RECONNECTING"), Duration.ofSeconds(5));

        lane(half).sweepOnce();

        assertThat(bucket.ratePerSecond()).isEqualTo(8.0);
        // five calls at 8/s, strictly spaced: the first is free, four waits of 125 ms
        assertThat(Duration.ofNanos(now[0])).isEqualTo(Duration.ofMillis(500));
    }
}
