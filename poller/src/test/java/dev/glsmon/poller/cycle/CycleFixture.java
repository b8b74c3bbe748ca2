package dev.glsmon.poller.cycle;

import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionRequest;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;

/**
 * What the cycles' unit tests run on: a cycle context over Kafka's own MockProducer (no cluster,
 * so no markers), a clock fixed at {@code now}, and a GetStreamSession that answers every session
 * ERROR with reason internalError.
 */
final class CycleFixture implements AutoCloseable {

    static final String ARN_PREFIX = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/";

    final Topics topics = Topics.defaults();
    final SessionMemory memory = new SessionMemory();
    final SnapshotMapper mapper = new SnapshotMapper("us-west-2", false);
    final MeterRegistry registry = new SimpleMeterRegistry();
    final PollerMetrics metrics = new PollerMetrics(registry);
    /** The session ids GetStreamSession was asked for, in order. */
    final List<String> asked = new CopyOnWriteArrayList<>();
    final Enricher enricher;
    final CycleContext ctx;
    private final MockProducer<String, byte[]> producer;

    CycleFixture(Instant now, int getWorkers) {
        this(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()), now, getWorkers);
    }

    CycleFixture(MockProducer<String, byte[]> producer, Instant now, int getWorkers) {
        this.producer = producer;
        RecordPublisher publisher = new RecordPublisher(producer);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        this.enricher = new Enricher(new EnrichmentQueue(100), getWorkers,
                new SessionFetcher(new EndedInErrorClient(now)), mapper, publisher, topics, metrics, clock, 100);
        this.ctx = new CycleContext(publisher, topics, mapper, new EnrichmentPlanner(), enricher,
                new SnapshotChanges(metrics), Duration.ofMinutes(10), memory, metrics, clock, "p1", () -> false,
                CycleListener.NONE);
    }

    /** The session snapshots sent so far, listings and Gets' answers. */
    List<SessionSnapshot> published() {
        return producer.history().stream()
                .filter(r -> r.topic().equals(topics.sessionSnapshots().name()))
                .map(r -> topics.sessionSnapshots().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    @Override
    public void close() {
        enricher.close();
    }

    private final class EndedInErrorClient implements GameLiftStreamsClient {
        private final Instant now;

        EndedInErrorClient(Instant now) {
            this.now = now;
        }

        @Override
        public GetStreamSessionResponse getStreamSession(GetStreamSessionRequest request) {
            asked.add(request.streamSessionIdentifier());
            return GetStreamSessionResponse.builder()
                    .arn(ARN_PREFIX + request.identifier() + "/" + request.streamSessionIdentifier())
                    .status("ERROR")
                    .statusReason("internalError")
                    .lastUpdatedAt(now)
                    .build();
        }

        @Override
        public String serviceName() {
            return "gameliftstreams";
        }

        @Override
        public void close() {}
    }
}
