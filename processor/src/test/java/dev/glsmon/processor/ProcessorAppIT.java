package dev.glsmon.processor;

import dev.glsmon.testbed.Workload;
import dev.glsmon.testbed.KafkaTestSupport;
import static dev.glsmon.testbed.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.common.Metrics;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.LocationErrorRate;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application end to end on a real broker with exactly-once: topics created at start, the
 * workload in, committed output read back, /metrics scraped over HTTP, the query API asked.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessorAppIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 3;

    private static ProcessorConfig config(KafkaBroker broker, String prefix, String appId, Path stateDir) {
        return ProcessorConfig.from(Map.of(
                "bootstrap-servers", broker.bootstrapServers(),
                "application-id", appId,
                "topic-prefix", prefix,
                "partitions", Integer.toString(PARTITIONS),
                "state-dir", stateDir.toString(),
                "http-bind", "127.0.0.1",
                "http-port", "0",
                "kafka.commit.interval.ms", "100"));
    }

    private static HttpResponse<String> get(ProcessorApp app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.httpUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus series, by name and labels (others ignored); 0 when absent. */
    private static double series(String scrape, String name, Map<String, String> labels) {
        double sum = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            String labelText = m.group(1);
            if (labels.entrySet().stream().allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void processesTheWorkloadWithExactlyOnceAndServesMetricsAndQueries(KafkaBroker broker, @TempDir Path stateDir)
            throws Exception {
        String prefix = KafkaTestSupport.unique("app-it-") + ".";
        String appId = KafkaTestSupport.unique("glsmon-processor-it-");
        ProcessorConfig config = config(broker, prefix, appId, stateDir);
        Workload workload = Workload.generate(config.topics(), PARTITIONS, 40, 2, 30, 7);
        KafkaTestSupport.createTopics(broker.bootstrapServers(), config.topics().all());

        try (Metrics metrics = Metrics.create("processor");
                ProcessorApp app = ProcessorApp.start(config, new Properties(), metrics.registry());
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers());
                Admin admin = KafkaTestSupport.admin(broker.bootstrapServers())) {
            workload.produceAll(producer);
            byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(config.topics().sessionSnapshots().name(), "k".getBytes(), garbage));
            producer.send(new ProducerRecord<>(config.topics().pollCycles().name(), 0, "g".getBytes(), garbage));
            workload.produceCycle(producer, workload.cycleCount() - 1); // good records after the bad ones
            producer.flush();

            await("the processor to commit all input", Duration.ofSeconds(120), () -> KafkaTestSupport.caughtUp(
                    admin, appId, Set.of(config.topics().sessionSnapshots().name(), config.topics().pollCycles().name())));

            KafkaTestSupport.awaitSettled(broker.bootstrapServers(), config.topics().sessionTransitions().name(),
                    config.topics().sessionTerminations().name(), config.topics().deadLetter().name());
            List<SessionTransition> transitions = KafkaTestSupport.readCommitted(broker.bootstrapServers(),
                    config.topics().sessionTransitions().name(), SessionTransition.class).stream()
                    .map(ConsumerRecord::value).toList();
            List<SessionTermination> terminations = KafkaTestSupport.readCommitted(broker.bootstrapServers(),
                    config.topics().sessionTerminations().name(), SessionTermination.class).stream()
                    .map(ConsumerRecord::value).toList();
            List<DeadLetter> deadLetters = KafkaTestSupport.readCommitted(broker.bootstrapServers(),
                    config.topics().deadLetter().name(), DeadLetter.class).stream().map(ConsumerRecord::value).toList();

            // exactly once: every session's sequences are 1..n, nothing twice
            Map<String, List<Long>> sequences = transitions.stream().collect(Collectors.groupingBy(
                    SessionTransition::getArn, Collectors.mapping(SessionTransition::getSequence, Collectors.toList())));
            assertThat(sequences).hasSize(40);
            sequences.values().forEach(seq -> assertThat(seq).isEqualTo(
                    java.util.stream.LongStream.rangeClosed(1, seq.size()).boxed().toList()));
            assertThat(terminations).extracting(SessionTermination::getArn).doesNotHaveDuplicates();
            assertThat(transitions).anyMatch(t -> t.getTo().equals("VANISHED"));
            assertThat(deadLetters).extracting(DeadLetter::getReason).containsExactly("DESERIALIZATION", "DESERIALIZATION");

            // windows closed on a real broker (ticks reach every partition): each final result exactly once
            await("final error-rate windows", Duration.ofSeconds(60), () -> !KafkaTestSupport.readCommitted(
                    broker.bootstrapServers(), config.topics().locationErrorRates().name(), LocationErrorRate.class).isEmpty());
            List<ConsumerRecord<String, LocationErrorRate>> finals = KafkaTestSupport.readCommitted(
                    broker.bootstrapServers(), config.topics().locationErrorRates().name(), LocationErrorRate.class);
            assertThat(finals).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                    .allSatisfy(key -> assertThat(key).matches("[a-z0-9-]+\\|(1m|5m)\\|\\d{4}-.*Z"));
            assertThat(series(get(app, "/metrics").body(), "glsmon_error_rate_late_terminations_total", Map.of()))
                    .as("no termination came after its window closed, whatever the tasks' pace").isZero();

            // /metrics over HTTP: the counters match what was committed
            HttpResponse<String> scrape = get(app, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            String body = scrape.body();
            assertThat(series(body, "glsmon_session_transitions_total", Map.of())).isEqualTo(transitions.size());
            assertThat(series(body, "glsmon_session_transitions_total", Map.of("from", "ACTIVATING", "to", "ACTIVE")))
                    .isEqualTo(transitions.stream().filter(t -> "ACTIVATING".equals(t.getFrom())
                            && t.getTo().equals("ACTIVE")).count());
            assertThat(series(body, "glsmon_session_terminations_total", Map.of())).isEqualTo(terminations.size());
            assertThat(series(body, "glsmon_session_terminations_total", Map.of("status", "VANISHED", "category", "UNKNOWN")))
                    .isEqualTo(terminations.stream().filter(t -> t.getStatus().equals("VANISHED")).count());
            assertThat(series(body, "glsmon_dead_letter_total", Map.of("reason", "DESERIALIZATION"))).isEqualTo(2.0);
            assertThat(series(body, "glsmon_session_duration_seconds_count", Map.of()))
                    .isEqualTo(terminations.stream().filter(t -> t.getDurationMillis() != null).count());
            Map<String, Long> live = new HashMap<>();
            Map<String, SessionTransition> last = new HashMap<>();
            transitions.forEach(t -> last.put(t.getArn(), t));
            last.values().stream().filter(t -> !Lifecycle.isEnded(t.getTo()))
                    .forEach(t -> live.merge(t.getTo() + "|" + t.getLocation(), 1L, Long::sum));
            live.forEach((key, count) -> {
                String[] parts = key.split("\\|");
                assertThat(series(body, "glsmon_sessions", Map.of("status", parts[0], "location", parts[1])))
                        .as("glsmon_sessions %s", key).isEqualTo(count.doubleValue());
            });
            assertThat(series(body, "glsmon_sessions", Map.of())).isEqualTo(live.values().stream().mapToLong(v -> v).sum());
            assertThat(body).contains("glsmon_location_error_ratio{", "glsmon_location_unknown_ratio{", "kafka_stream_",
                    "jvm_memory_used_bytes");
            assertThat(body).doesNotContain("player-", "streamsession/");

            // health, readiness and the query API
            assertThat(get(app, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(app, "/readyz").statusCode()).isEqualTo(200);
            SessionTransition someone = last.values().iterator().next();
            HttpResponse<String> one = get(app, "/sessions/" + someone.getArn());
            assertThat(one.statusCode()).isEqualTo(200);
            JsonNode session = JSON.readTree(one.body());
            assertThat(session.get("arn").asText()).isEqualTo(someone.getArn());
            assertThat(session.get("status").asText()).isEqualTo(someone.getTo());
            assertThat(session.get("sequence").asLong()).isEqualTo(someone.getSequence());
            assertThat(get(app, "/sessions/" + someone.getSessionId()).statusCode()).isEqualTo(200);
            assertThat(get(app, "/sessions/no-such-session").statusCode()).isEqualTo(404);
            JsonNode list = JSON.readTree(get(app, "/sessions?status=TERMINATED&limit=3").body());
            assertThat(list.get("sessions")).hasSizeLessThanOrEqualTo(3)
                    .allSatisfy(s -> assertThat(s.get("status").asText()).isEqualTo("TERMINATED"));
            JsonNode locations = JSON.readTree(get(app, "/locations").body()).get("locations");
            assertThat(locations).isNotEmpty();
            assertThat(locations.findValuesAsText("window")).contains("1m", "5m");
            assertThat(locations).allSatisfy(rate -> assertThat(rate.has("unknown") && rate.has("unknownRatio"))
                    .as("unknown count and share beside the error ratio: %s", rate).isTrue());
        }
    }

    @Test
    void answersAKeyOwnedByAnotherInstanceWithTheOwnersAddress(KafkaBroker broker, @TempDir Path a, @TempDir Path b)
            throws Exception {
        String prefix = KafkaTestSupport.unique("app-it-") + ".";
        String appId = KafkaTestSupport.unique("glsmon-processor-it-");
        try (Metrics metricsA = Metrics.create("processor");
                Metrics metricsB = Metrics.create("processor");
                ProcessorApp first = ProcessorApp.start(config(broker, prefix, appId, a), new Properties(), metricsA.registry());
                ProcessorApp second = ProcessorApp.start(config(broker, prefix, appId, b), new Properties(), metricsB.registry())) {
            await("both instances to run", Duration.ofSeconds(90), () ->
                    first.streams().state() == KafkaStreams.State.RUNNING
                            && second.streams().state() == KafkaStreams.State.RUNNING
                            && first.streams().metadataForAllStreamsClients().size() == 2);
            String arn = "arn:aws:gameliftstreams:us-west-2:1:streamsession/sg-1/any";
            HostInfo owner = first.streams().queryMetadataForKey(ProcessorTopology.SESSIONS_STORE, arn,
                    Serdes.String().serializer()).activeHost();
            ProcessorApp notOwner = owner.port() == first.httpPort() ? second : first;
            ProcessorApp ownerApp = notOwner == first ? second : first;

            HttpResponse<String> response = get(notOwner, "/sessions/" + arn);

            assertThat(response.statusCode()).isEqualTo(307);
            assertThat(response.headers().firstValue("Location"))
                    .contains("http://localhost:" + ownerApp.httpPort() + "/sessions/" + arn);
            assertThat(JSON.readTree(response.body()).get("owner").asText()).isEqualTo("localhost:" + ownerApp.httpPort());
            assertThat(get(ownerApp, "/sessions/" + arn).statusCode()).as("never seen: not found").isEqualTo(404);
            assertThat(URI.create(response.headers().firstValue("Location").orElseThrow()).getPort())
                    .isEqualTo(ownerApp.httpPort());
        }
    }
}
