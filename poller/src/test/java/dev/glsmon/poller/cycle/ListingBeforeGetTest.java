package dev.glsmon.poller.cycle;

import dev.glsmon.poller.config.FastLaneMode;
import dev.glsmon.poller.config.FastLaneSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.aws.ListingPage;
import dev.glsmon.poller.aws.TokenBucket;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * An ended session's listing and the Get that learns its reason both go to the session's
 * partition of a compacted topic; the Get's answer must come last, or the listing (without the
 * reason) would be what compaction keeps and what a restarted poller reads back. So the listing
 * goes to the producer before the Get is asked: at its send no Get may be pending or done.
 */
class ListingBeforeGetTest {

    private static final String GROUP = "sg-1";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int ENDED = 20;

    private final Topics topics = Topics.defaults();
    /** For each listed snapshot sent: whether a Get for its session was pending or answered then. */
    private final List<Boolean> getBeforeListing = new CopyOnWriteArrayList<>();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
                    if (record.topic().equals(topics.sessionSnapshots().name())) {
                        SessionSnapshot snapshot = topics.sessionSnapshots().valueSerde().deserializer()
                                .deserialize(record.topic(), record.value());
                        if (!snapshot.getSource().equals(Sources.GET_STREAM_SESSION)) {
                            getBeforeListing.add(fixture.enricher.pending(snapshot.getArn())
                                    || fixture.asked.contains(snapshot.getSessionId()));
                        }
                    }
                    return super.send(record);
                }
            };
    private final CycleFixture fixture = new CycleFixture(producer, T0, 2);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCycleSendsAnEndedSessionsListingBeforeAskingForItsReason() throws Exception {
        CycleRun run = new CycleRun(fixture.ctx, new GroupListing(GROUP, 1L), "p1/c1", T0);

        CycleRun.Result result = run.run(List.of(new ListingPage(endedSessions(), Map.of(), null)).iterator());

        assertThat(result.gets()).isEqualTo(ENDED);
        assertLandsAfterTheListing();
    }

    @Test
    void theFastLaneSendsAnEndedSessionsListingBeforeAskingForItsReason() throws Exception {
        long[] now = {0};
        FastLane.StatusPages pages = (status, token) ->
                new ListingPage(status.equals("ERROR") ? endedSessions() : List.of(), Map.of(), null);
        FastLane lane = new FastLane(fixture.ctx, pages, FastLaneSettings.defaults().withMode(FastLaneMode.ON),
                () -> Set.of(GROUP), () -> 16.0, new TokenBucket(1, 1, () -> now[0], nanos -> now[0] += nanos),
                new FastLaneMetrics(new SimpleMeterRegistry()));

        assertThat(lane.sweepOnce().gets()).isEqualTo(ENDED);
        assertLandsAfterTheListing();
    }

    private void assertLandsAfterTheListing() throws InterruptedException {
        assertThat(fixture.enricher.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(getBeforeListing).hasSize(ENDED).containsOnly(false);
        assertThat(fixture.asked).hasSize(ENDED);
    }

    /** Sessions listed in an ended status without a reason (the listing does not carry it). */
    private static List<StreamSessionSummary> endedSessions() {
        return java.util.stream.IntStream.range(0, ENDED)
                .mapToObj(i -> StreamSessionSummary.builder()
                        .arn(CycleFixture.ARN_PREFIX + GROUP + "/s-" + i)
                        .status("ERROR")
                        .location("us-west-2")
                        .lastUpdatedAt(T0)
                        .build())
                .toList();
    }
}
