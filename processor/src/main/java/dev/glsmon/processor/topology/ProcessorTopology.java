package dev.glsmon.processor.topology;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.export.ExportAdmission;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.rates.LiveRatesUpdater;
import dev.glsmon.processor.rates.LocationErrorRateProcessor;
import dev.glsmon.processor.rates.RateOutput;
import dev.glsmon.processor.rates.TickPartitioner;
import dev.glsmon.processor.session.SessionLifecycle;
import dev.glsmon.processor.session.SessionLifecycleProcessor;
import dev.glsmon.processor.session.SnapshotCheck;
import dev.glsmon.processor.session.TerminationCategories;
import dev.glsmon.processor.streamgroup.StreamGroupStateProcessor;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.ErrorRateEvent;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.LocationErrorRate;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.StreamGroupTransition;
import dev.glsmon.schemas.Topic;
import dev.glsmon.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology as a pure function of its configuration and a clock.
 *
 * <pre>
 *  snapshots + poll-cycles ─► session-lifecycle [session-state] ─┬─► session-transitions
 *                                                                 ├─► session-terminations
 *                                                                 ├─► export-commands
 *                                                                 ├─► dead-letter (INVALID_RECORD)
 *                                                                 └─► error-rate-events (repartition by location,
 *                                                                      ticks to every partition)
 *  error-rate-events ─► location-error-rates [error-rate-windows, error-rate-progress] ─┬─► location-error-rates
 *                                                                   └─► APP-location-live-rates
 *  APP-location-live-rates ─► global store location-live-rates (read by session-lifecycle and /locations)
 *  stream-group-snapshots ─► stream-group-state [stream-group-state] ─► stream-group-transitions (+ gauges)
 * </pre>
 *
 * Every processor, store and internal topic is named by a constant here; tests use the same names.
 */
public final class ProcessorTopology {

    public static final String INPUTS_SOURCE = "session-inputs";
    public static final String SESSION_LIFECYCLE = "session-lifecycle";
    public static final String SESSIONS_STORE = "session-state";
    public static final String SESSION_OUTPUTS = "session-outputs-";
    public static final String TRANSITIONS_SINK = "transitions-sink";
    public static final String TERMINATIONS_SINK = "terminations-sink";
    public static final String EXPORT_COMMANDS_SINK = "export-commands-sink";
    public static final String EXPORT_ADMISSION_REPARTITION = "export-admission";
    public static final String EXPORT_ADMISSION = "export-admission-processor";
    public static final String EXPORT_ADMISSION_STORE = "export-admission-quotas";
    public static final String EXPORT_RESULTS_SINK = "export-results-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String RATE_EVENTS_REPARTITION = "error-rate-events";
    public static final String LOCATION_ERROR_RATES = "location-error-rates";
    public static final String RATE_WINDOWS_STORE = "error-rate-windows";
    public static final String RATE_PROGRESS_STORE = "error-rate-progress";
    public static final String RATE_OUTPUTS = "rate-outputs-";
    public static final String FINAL_RATES_SINK = "final-rates-sink";
    public static final String LIVE_RATES_SINK = "live-rates-sink";
    public static final String LIVE_RATES_SOURCE = "live-rates-source";
    public static final String LIVE_RATES_STORE = "location-live-rates";
    public static final String GROUP_SNAPSHOTS_SOURCE = "stream-group-snapshots";
    public static final String STREAM_GROUP_STATE = "stream-group-state";
    public static final String STREAM_GROUPS_STORE = "stream-group-state";
    public static final String GROUP_TRANSITIONS_SINK = "stream-group-transitions-sink";

    private ProcessorTopology() {}

    /**
     * The admission step's input: commands are written there by the session tasks and reach their
     * topic only once the step has consumed it, so "all input committed" must include it.
     */
    public static String exportAdmissionTopic(String applicationId) {
        return applicationId + "-" + EXPORT_ADMISSION_REPARTITION + "-repartition";
    }

    /** @param clock wall time, for what the topology stamps with it (dead letters' failedAt); record time drives the rest */
    public static Topology build(ProcessorConfig config, Clock clock) {
        return build(config, ProcessorMetrics.NONE, clock);
    }

    public static Topology build(ProcessorConfig config, ProcessorMetrics metrics, Clock clock) {
        Topics topics = config.topics();
        AvroSerde<LocationErrorRate> rateSerde = AvroSerde.of(LocationErrorRate.class);
        TerminationCategories categories =
                new TerminationCategories(config.reasonCategories(), config.errorCategories());
        StreamsBuilder builder = new StreamsBuilder(topologyConfig(config));

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LIVE_RATES_STORE), Serdes.String(), rateSerde)
                        .withLoggingDisabled(),
                config.liveRatesTopic(),
                Consumed.with(Serdes.String(), rateSerde).withName(LIVE_RATES_SOURCE),
                () -> new LiveRatesUpdater(LIVE_RATES_STORE));

        KStream<String, SpecificRecord> inputs = builder.stream(
                List.of(topics.sessionSnapshots().name(), topics.pollCycles().name()),
                Consumed.with(Serdes.String(), new SessionInputSerde(
                                topics.sessionSnapshots().name(), topics.pollCycles().name()))
                        .withName(INPUTS_SOURCE));

        KStream<String, SpecificRecord> outputs = inputs.process(
                sessionLifecycle(config, categories, metrics, clock), Named.as(SESSION_LIFECYCLE));

        outputs.split(Named.as(SESSION_OUTPUTS))
                .branch((k, v) -> v instanceof SessionTransition, Branched.withConsumer(
                        s -> to(s, SessionTransition.class, topics.sessionTransitions(), TRANSITIONS_SINK), "transitions"))
                .branch((k, v) -> v instanceof SessionTermination, Branched.withConsumer(
                        s -> to(s, SessionTermination.class, topics.sessionTerminations(), TERMINATIONS_SINK),
                        "terminations"))
                .branch((k, v) -> v instanceof ExportCommand, Branched.withConsumer(
                        s -> exportAdmission(s, config, metrics, builder), "commands"))
                .branch((k, v) -> v instanceof ExportResult, Branched.withConsumer(
                        s -> to(s, ExportResult.class, topics.exportResults(), EXPORT_RESULTS_SINK), "export-results"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.withConsumer(
                        s -> s.mapValues(v -> (DeadLetter) v, Named.as("as-dead-letters"))
                                .to(topics.deadLetter().name(), Produced.with(Serdes.String(), topics.deadLetter().valueSerde())
                                        .withName(DEAD_LETTERS_SINK)), "dead-letters"))
                .branch((k, v) -> v instanceof ErrorRateEvent, Branched.withConsumer(
                        s -> errorRates(s.mapValues(v -> (ErrorRateEvent) v, Named.as("as-error-rate-events")),
                                config, categories, metrics, rateSerde), "rate-events"))
                .noDefaultBranch();

        streamGroups(builder, topics, metrics);
        return builder.build();
    }

    /** Topology-level settings (a default StreamsBuilder would warn about settings the app does set). */
    private static TopologyConfig topologyConfig(ProcessorConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsSettings.GLOBAL_PROCESSING_HANDLER, true);
        return new TopologyConfig(new StreamsConfig(props));
    }

    private static <T extends SpecificRecord> void to(
            KStream<String, SpecificRecord> stream, Class<T> type, Topic<String, T> topic, String sinkName) {
        stream.mapValues(type::cast, Named.as("as-" + topic.name().replace('.', '-')))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName));
    }

    /** Every command passes one single-partition step that holds the export caps for the whole application. */
    private static void exportAdmission(KStream<String, SpecificRecord> candidates, ProcessorConfig config,
            ProcessorMetrics metrics, StreamsBuilder builder) {
        Topic<String, ExportCommand> commands = config.topics().exportCommands();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPORT_ADMISSION_STORE),
                Serdes.String(), Serdes.String()));
        candidates.mapValues(v -> (ExportCommand) v, Named.as("as-export-candidates"))
                .selectKey((arn, command) -> ExportAdmission.KEY, Named.as("export-candidates-by-one-key"))
                .repartition(Repartitioned.with(Serdes.String(), commands.valueSerde())
                        .withName(EXPORT_ADMISSION_REPARTITION)
                        .withNumberOfPartitions(1))
                .process(() -> new ExportAdmission(config.export(), EXPORT_ADMISSION_STORE, metrics),
                        Named.as(EXPORT_ADMISSION), EXPORT_ADMISSION_STORE)
                .to(commands.name(), Produced.with(commands.keySerde(), commands.valueSerde())
                        .withName(EXPORT_COMMANDS_SINK));
    }

    private static void errorRates(KStream<String, ErrorRateEvent> events, ProcessorConfig config,
            TerminationCategories categories, ProcessorMetrics metrics, AvroSerde<LocationErrorRate> rateSerde) {
        // cached: a termination updates up to size/advance windows, often the same ones within a commit
        StoreBuilder<KeyValueStore<String, LocationErrorRate>> windows = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(RATE_WINDOWS_STORE), Serdes.String(), rateSerde)
                .withCachingEnabled();
        StoreBuilder<KeyValueStore<Integer, Long>> progress = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RATE_PROGRESS_STORE), Serdes.Integer(), Serdes.Long());
        KStream<String, RateOutput> rates = events
                .repartition(Repartitioned.<String, ErrorRateEvent>as(RATE_EVENTS_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(AvroSerde.of(ErrorRateEvent.class))
                        .withStreamPartitioner(new TickPartitioner()))
                .process(supplier(Set.of(windows, progress), () -> new LocationErrorRateProcessor(config.windows(),
                                config.windowGrace(), categories, RATE_WINDOWS_STORE, RATE_PROGRESS_STORE, metrics)),
                        Named.as(LOCATION_ERROR_RATES));
        rates.split(Named.as(RATE_OUTPUTS))
                .branch((k, v) -> v.finalResult(), Branched.withConsumer(s -> s
                        .mapValues(RateOutput::rate, Named.as("final-rate-values"))
                        .to(config.topics().locationErrorRates().name(),
                                Produced.with(Serdes.String(), rateSerde).withName(FINAL_RATES_SINK)), "final"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(RateOutput::rate, Named.as("live-rate-values"))
                        .to(config.liveRatesTopic(), Produced.with(Serdes.String(), rateSerde).withName(LIVE_RATES_SINK)),
                        "live"));
    }

    /** Its own sub-topology: stream-group snapshots in, their status transitions out, gauges set. */
    private static void streamGroups(StreamsBuilder builder, Topics topics, ProcessorMetrics metrics) {
        Topic<String, StreamGroupSnapshot> in = topics.streamGroupSnapshots();
        Topic<String, StreamGroupTransition> out = topics.streamGroupTransitions();
        StoreBuilder<KeyValueStore<String, StreamGroupSnapshot>> groups = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STREAM_GROUPS_STORE), Serdes.String(), in.valueSerde());
        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()).withName(GROUP_SNAPSHOTS_SOURCE))
                .process(supplier(Set.of(groups), () -> new StreamGroupStateProcessor(STREAM_GROUPS_STORE, metrics)),
                        Named.as(STREAM_GROUP_STATE))
                .to(out.name(), Produced.with(out.keySerde(), out.valueSerde()).withName(GROUP_TRANSITIONS_SINK));
    }

    private static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> sessionLifecycle(
            ProcessorConfig config, TerminationCategories categories, ProcessorMetrics metrics, Clock clock) {
        StoreBuilder<KeyValueStore<String, SessionState>> sessions = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SESSIONS_STORE), Serdes.String(), AvroSerde.of(SessionState.class))
                .withCachingEnabled();
        SessionLifecycleProcessor.Settings settings = new SessionLifecycleProcessor.Settings(
                new SessionLifecycle(categories, config.reasonWaitCycles(), config.endedRetention()),
                new SnapshotCheck(config.minTimestamp(), config.maxFutureSkew()),
                config.export(),
                config.vanishCycles(),
                config.cleanupInterval(),
                SESSIONS_STORE,
                LIVE_RATES_STORE,
                metrics,
                clock);
        return supplier(Set.of(sessions), () -> new SessionLifecycleProcessor(settings));
    }

    /** A supplier that connects its stores and makes a new processor per task. */
    private static <KI, VI, KO, VO> ProcessorSupplier<KI, VI, KO, VO> supplier(
            Set<StoreBuilder<?>> stores, java.util.function.Supplier<Processor<KI, VI, KO, VO>> factory) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KI, VI, KO, VO> get() {
                return factory.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }
}
