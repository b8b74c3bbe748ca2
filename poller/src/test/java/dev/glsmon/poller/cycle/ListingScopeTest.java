package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.aws.ListingPage;
import dev.glsmon.poller.aws.MalformedResponses;
import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/** One cycle run per listing mode: what the two scopes make of the same kind of listing. */
class ListingScopeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CycleFixture fixture = new CycleFixture(T0, 1);
    private final SessionMemory memory = fixture.memory;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aGroupListingFilesEverySessionUnderItsGroupAndKeepsAGroupWithNoSession() throws Exception {
        memory.replace("sg-2", Map.of());
        CycleRun.Result first = new CycleRun(fixture.ctx, new GroupListing("sg-1", 7), "p1/sg-1/7", T0)
                .run(pages(List.of(session("sg-1/s-1"), session("not-an-arn")), List.of(session("sg-1/s-2"))));

        assertThat(first.groups()).extracting(GroupCycleReport::streamGroupId, GroupCycleReport::cycleNumber,
                        GroupCycleReport::pages, GroupCycleReport::sessions, GroupCycleReport::outcome)
                .containsExactly(Tuple.tuple("sg-1", 7L, 2, 3, PollerMetrics.OUTCOME_COMPLETE));
        assertThat(fixture.published()).extracting(SessionSnapshot::getStreamGroupId, SessionSnapshot::getSource)
                .containsOnly(Tuple.tuple("sg-1", Sources.LIST_STREAM_SESSIONS));
        assertThat(memory.sessions("sg-1")).hasSize(3);

        CycleRun.Result empty = new CycleRun(fixture.ctx, new GroupListing("sg-2", 8), "p1/sg-2/8", T0)
                .run(pages(List.of()));

        assertThat(empty.groups()).extracting(GroupCycleReport::streamGroupId, GroupCycleReport::sessions)
                .containsExactly(Tuple.tuple("sg-2", 0));
        assertThat(memory.groups()).as("a polled group with no session is still polled")
                .containsExactlyInAnyOrder("sg-1", "sg-2");
    }

    @Test
    void anAccountListingFilesSessionsByTheirArnsAndCoversEveryRememberedGroup() throws Exception {
        memory.replace("sg-gone", Map.of());
        long goneCycle = memory.nextCycleNumber("sg-gone", T0.toEpochMilli() + 60_000);

        CycleRun.Result result = new CycleRun(fixture.ctx, new AccountListing(memory, T0), "p1/account/1", T0)
                .run(pages(List.of(session("sg-1/s-1"), session("sg-2/s-2")), List.of(session("sg-2/s-3"))));

        assertThat(result.groups()).extracting(GroupCycleReport::streamGroupId, GroupCycleReport::cycleNumber,
                        GroupCycleReport::pages, GroupCycleReport::sessions)
                .containsExactlyInAnyOrder(Tuple.tuple("sg-gone", goneCycle + 1, 0, 0),
                        Tuple.tuple("sg-1", T0.toEpochMilli(), 0, 1), Tuple.tuple("sg-2", T0.toEpochMilli(), 0, 2));
        assertThat(result.pages()).isEqualTo(2);
        assertThat(fixture.published()).extracting(SessionSnapshot::getStreamGroupId, SessionSnapshot::getSource)
                .containsExactlyInAnyOrder(Tuple.tuple("sg-1", Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT),
                        Tuple.tuple("sg-2", Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT),
                        Tuple.tuple("sg-2", Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT));
        assertThat(memory.groups()).as("a group with no session left is forgotten")
                .containsExactlyInAnyOrder("sg-1", "sg-2");
    }

    @Test
    void anAccountListingSkipsASessionWhoseArnNamesNoGroupListsOnAndProvesNoAbsence() throws Exception {
        CycleRun.Result result = new CycleRun(fixture.ctx, new AccountListing(memory, T0), "p1/account/1", T0)
                .run(pages(List.of(session("sg-1/s-1"), session("not-an-arn"), session("sg-1/s-2")),
                        List.of(session("sg-2/s-3"))));

        assertThat(result.groups()).extracting(GroupCycleReport::streamGroupId, GroupCycleReport::outcome)
                .containsExactlyInAnyOrder(Tuple.tuple("sg-1", PollerMetrics.OUTCOME_INCOMPLETE),
                        Tuple.tuple("sg-2", PollerMetrics.OUTCOME_INCOMPLETE));
        assertThat(result.pages()).isEqualTo(2);
        assertThat(fixture.published()).extracting(SessionSnapshot::getSessionId).containsExactly("s-1", "s-2", "s-3");
        assertThat(fixture.registry.get("glsmon.poller.malformed.responses")
                .tag("operation", Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT)
                .tag("kind", MalformedResponses.NO_STREAM_GROUP).counter().count()).isEqualTo(1.0);
    }

    @SafeVarargs
    private static java.util.Iterator<ListingPage> pages(List<StreamSessionSummary>... items) {
        return java.util.stream.IntStream.range(0, items.length)
                .mapToObj(i -> new ListingPage(items[i], Map.of(), i + 1 < items.length ? "page-" + (i + 1) : null))
                .iterator();
    }

    private static StreamSessionSummary session(String arnTail) {
        return StreamSessionSummary.builder()
                .arn(arnTail.startsWith("sg-") ? CycleFixture.ARN_PREFIX + arnTail : arnTail)
                .status("ACTIVE")
                .location("us-west-2")
                .lastUpdatedAt(T0)
                .build();
    }
}
