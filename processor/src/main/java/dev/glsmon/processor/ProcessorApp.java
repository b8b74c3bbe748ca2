package dev.glsmon.processor;

import dev.glsmon.common.OpsHttpServer;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.http.QueryApi;
import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.session.TerminationCategories;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.processor.topology.StreamsSettings;
import dev.glsmon.schemas.Topic;
import dev.glsmon.schemas.Replication;
import dev.glsmon.schemas.TopicInitializer;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.LocationErrorRate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor as an embeddable unit (the command line, the local stack and benchmarks start it
 * the same way): creates missing topics, serves HTTP, runs the topology with exactly-once.
 *
 * <pre>
 *   try (ProcessorApp app = ProcessorApp.start(config, overrides, registry)) {
 *       app.streams(); app.httpPort(); app.terminated();
 *   }
 * </pre>
 */
public final class ProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final Topology topology;
    private final OpsHttpServer http;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final MeterRegistry ownRegistry;
    private final CompletableFuture<KafkaStreams.State> terminated = new CompletableFuture<>();
    private final HostInfo self;

    private ProcessorApp(ProcessorConfig config, Properties overrides, MeterRegistry registry) throws InterruptedException {
        this.config = config;
        PrometheusMeterRegistry prometheus;
        if (registry instanceof PrometheusMeterRegistry given) {
            prometheus = given;
            ownRegistry = null;
        } else {
            // /metrics needs a Prometheus registry: record into both the caller's registry and our own
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ownRegistry = new CompositeMeterRegistry(registry.config().clock(), List.of(registry, prometheus));
        }
        MeterRegistry recording = ownRegistry != null ? ownRegistry : prometheus;
        ProcessorMetrics metrics = new MicrometerProcessorMetrics(recording,
                new TerminationCategories(config.reasonCategories(), config.errorCategories()));

        Replication replication = createTopics(config, overrides);
        topology = ProcessorTopology.build(config, metrics, Clock.systemUTC());
        LOG.info("topology:\n{}", topology.describe());

        // built step by step; what was started before a failure is closed again
        AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
        http = OpsHttpServer.start(config.httpBind(), config.httpPort(), prometheus,
                () -> {
                    KafkaStreams s = streamsRef.get();
                    return s == null || s.state() != KafkaStreams.State.ERROR;
                },
                () -> {
                    KafkaStreams s = streamsRef.get();
                    return s != null && s.state() == KafkaStreams.State.RUNNING;
                });
        try {
            String advertised = config.advertisedAddress().orElse("localhost:" + http.port());
            self = HostInfo.buildFromEndpoint(advertised);
            Properties props = StreamsSettings.withReplication(StreamsSettings.of(config, metrics, overrides), replication);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
            streams = new KafkaStreams(topology, props);
            streamsRef.set(streams);
            streams.setStateListener((now, before) -> {
                LOG.info("Kafka Streams {} -> {}", before, now);
                if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                    terminated.complete(now);
                }
            });
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("a stream thread failed; stopping the processor", e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(recording);
            QueryApi api = new QueryApi(streamsRef::get, self);
            http.route("/sessions", api.sessions()).route("/locations", api.locations());
            streams.start();
        } catch (RuntimeException e) {
            KafkaStreams started = streamsRef.get();
            if (started != null) {
                started.close(Duration.ofSeconds(10));
            }
            http.close();
            if (ownRegistry != null) {
                ownRegistry.close();
            }
            throw e;
        }
        LOG.info("processor {} started: HTTP on {} (advertised {}), state in {}", config.applicationId(),
                http.baseUri(), self, config.stateDir());
    }

    /**
     * Creates missing topics, builds the topology and starts it.
     *
     * @param kafkaOverrides Kafka Streams and client settings that win over everything (may be empty)
     * @param registry where metrics go; /metrics serves it when it is a PrometheusMeterRegistry
     * @throws InterruptedException while waiting for topic creation
     */
    public static ProcessorApp start(ProcessorConfig config, Properties kafkaOverrides, MeterRegistry registry)
            throws InterruptedException {
        return new ProcessorApp(config, kafkaOverrides, registry);
    }

    /** Creates missing topics; returns the replication they got, for Kafka Streams' internal topics. */
    private static Replication createTopics(ProcessorConfig config, Properties overrides) throws InterruptedException {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        config.kafkaProperties().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                adminProps.put(k, v);
            }
        });
        overrides.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(k))) {
                adminProps.put(k, v);
            }
        });
        List<Topic<?, ?>> topics = new ArrayList<>(config.topics().all());
        topics.add(liveRatesTopic(config));
        try (Admin admin = Admin.create(adminProps)) {
            return new TopicInitializer(admin, config.replicationFactor()).ensure(topics).replication();
        }
    }

    /** Internal, compacted: the latest live ratio per location and window feeds a global store. */
    static Topic<String, LocationErrorRate> liveRatesTopic(ProcessorConfig config) {
        return new Topic<>(config.liveRatesTopic(), Serdes.String(), AvroSerde.of(LocationErrorRate.class),
                config.topics().pollCycles().partitions(), TopicConfig.CLEANUP_POLICY_COMPACT, null);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    public ProcessorConfig config() {
        return config;
    }

    public int httpPort() {
        return http.port();
    }

    public java.net.URI httpUri() {
        return http.baseUri();
    }

    /** Completes with ERROR when the processor failed, NOT_RUNNING when it was closed. */
    public CompletionStage<KafkaStreams.State> terminated() {
        return terminated;
    }

    /** Leaves the consumer group (a restarted instance need not wait for its old member to time out). */
    @Override
    public void close() {
        LOG.info("closing the processor");
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        streamsMetrics.close();
        http.close();
        if (ownRegistry != null) {
            ownRegistry.close();
        }
        terminated.complete(streams.state());
    }
}
