package dev.glsmon.processor;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.export.ExportAdmission;
import dev.glsmon.processor.metrics.ProcessorMetrics;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.processor.topology.StreamsSettings;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.LocationErrorRate;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.StreamGroupTransition;
import dev.glsmon.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver around the real topology and the real Streams settings, with a clock that
 * only moves when a test says so, and builders for snapshots and poll-cycle markers.
 */
final class TopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    /** The topology's wall clock (what it stamps, like a dead letter's failedAt): fixed, and apart from T0. */
    static final Instant WALL_CLOCK = Instant.parse("2026-11-23T12:34:56Z");
    static final String GROUP = "sg-1AB2C3De4";
    static final String LOCATION = "us-west-2";
    static final String APP = "arn:aws:gameliftstreams:us-west-2:111122223333:application/a-9ZY8X7Wv6";

    final ProcessorConfig config;
    final Topics topics;
    final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<String, SessionSnapshot> snapshots;
    private final TestInputTopic<String, PollCycle> cycles;
    private final TestOutputTopic<String, SessionTransition> transitions;
    private final TestOutputTopic<String, SessionTermination> terminations;
    private final TestOutputTopic<String, ExportCommand> commands;
    private final TestOutputTopic<String, ExportResult> exportResults;
    private final TestOutputTopic<String, LocationErrorRate> finalRates;
    private final TestOutputTopic<String, LocationErrorRate> liveRates;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestInputTopic<String, StreamGroupSnapshot> groupSnapshots;
    private final TestOutputTopic<String, StreamGroupTransition> groupTransitions;
    private TestInputTopic<String, ExportCommand> candidates;
    private Instant now = T0;
    private int cycleNumber;

    TopologyFixture() {
        this(Map.of(), ProcessorMetrics.NONE);
    }

    TopologyFixture(Map<String, String> settings) {
        this(settings, ProcessorMetrics.NONE);
    }

    TopologyFixture(Map<String, String> settings, ProcessorMetrics metrics) {
        this(settings, metrics, new Properties());
    }

    TopologyFixture(Map<String, String> settings, ProcessorMetrics metrics, Properties streamsOverrides) {
        try {
            stateDir = Files.createTempDirectory("glsmon-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(Map.of("state-dir", stateDir.toString(), "partitions", "1"));
        all.putAll(settings);
        config = ProcessorConfig.from(all);
        topics = config.topics();
        Properties props = StreamsSettings.of(config, metrics, new Properties());
        props.putAll(streamsOverrides);
        driver = new TopologyTestDriver(ProcessorTopology.build(config, metrics, Clock.fixed(WALL_CLOCK, ZoneOffset.UTC)),
                props, T0);
        snapshots = driver.createInputTopic(topics.sessionSnapshots().name(), new StringSerializer(),
                topics.sessionSnapshots().valueSerde().serializer());
        cycles = driver.createInputTopic(topics.pollCycles().name(), new StringSerializer(),
                topics.pollCycles().valueSerde().serializer());
        transitions = output(topics.sessionTransitions().name(), SessionTransition.class);
        terminations = output(topics.sessionTerminations().name(), SessionTermination.class);
        commands = output(topics.exportCommands().name(), ExportCommand.class);
        exportResults = output(topics.exportResults().name(), ExportResult.class);
        finalRates = output(topics.locationErrorRates().name(), LocationErrorRate.class);
        liveRates = output(config.liveRatesTopic(), LocationErrorRate.class);
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new StringDeserializer(),
                AvroSerde.of(DeadLetter.class));
        groupSnapshots = driver.createInputTopic(topics.streamGroupSnapshots().name(), new StringSerializer(),
                topics.streamGroupSnapshots().valueSerde().serializer());
        groupTransitions = output(topics.streamGroupTransitions().name(), StreamGroupTransition.class);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(topic, new StringDeserializer(), AvroSerde.of(type));
    }

    static String arn(String sessionId) {
        return "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/" + GROUP + "/" + sessionId;
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The observation clock: record times and observedAt of what is piped next. */
    Instant now() {
        return now;
    }

    TopologyFixture advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    TopologyFixture at(Instant time) {
        now = time;
        return this;
    }

    /** A snapshot as a listing gives it: lastUpdatedAt as given, observed now. */
    static SessionSnapshot.Builder snapshot(String sessionId, String status) {
        return SessionSnapshot.newBuilder()
                .setArn(arn(sessionId))
                .setStreamGroupId(GROUP)
                .setSessionId(sessionId)
                .setStatus(status)
                .setStatusReason(null)
                .setLocation(LOCATION)
                .setApplicationArn(APP)
                .setUserId("player-" + sessionId)
                .setCreatedAt(T0)
                .setLastUpdatedAt(T0)
                .setObservedAt(T0)
                .setCycleId("c0")
                .setSource("ListStreamSessions");
    }

    TopologyFixture pipe(SessionSnapshot.Builder snapshot) {
        snapshot.setObservedAt(now).setCycleId(GROUP + "/" + (cycleNumber + 1));
        SessionSnapshot value = snapshot.build();
        snapshots.pipeInput(value.getArn(), value, now);
        return this;
    }

    TopologyFixture pipeRaw(String key, SessionSnapshot value) {
        snapshots.pipeInput(key, value, now);
        return this;
    }

    /** A complete cycle marker of the default group, one second of observation time later. */
    TopologyFixture cycle() {
        return cycle(GROUP, true);
    }

    TopologyFixture incompleteCycle() {
        return cycle(GROUP, false);
    }

    TopologyFixture cycle(String group, boolean complete) {
        return cycle(group, complete, null);
    }

    /** A complete marker of a cycle that published only the sessions that changed (not a full refresh). */
    TopologyFixture changesOnlyCycle() {
        return cycle(GROUP, true, null, false);
    }

    /** A complete full-refresh marker from a poller that says so (null: a poller from before the field). */
    TopologyFixture fullRefreshCycle() {
        return cycle(GROUP, true, null, true);
    }

    /** A snapshot of a cycle whose marker was piped already (a marker that overtook its snapshots). */
    TopologyFixture pipeLate(SessionSnapshot.Builder snapshot) {
        snapshot.setObservedAt(now).setCycleId(GROUP + "/" + cycleNumber);
        SessionSnapshot value = snapshot.build();
        snapshots.pipeInput(value.getArn(), value, now);
        return this;
    }

    /** @param partitionSnapshots the marker's count of its cycle's snapshots on this partition; null: not counted */
    TopologyFixture cycle(String group, boolean complete, Integer partitionSnapshots) {
        return cycle(group, complete, partitionSnapshots, null);
    }

    /** @param fullRefresh the marker's fullRefresh field; null: absent, as from pollers before it */
    TopologyFixture cycle(String group, boolean complete, Integer partitionSnapshots, Boolean fullRefresh) {
        cycleNumber++;
        PollCycle marker = PollCycle.newBuilder()
                .setStreamGroupId(group)
                .setCycleId(group + "/" + cycleNumber)
                .setCycleNumber(now.toEpochMilli())
                .setComplete(complete)
                .setSessionCount(0)
                .setStartedAt(now.minusMillis(500))
                .setCompletedAt(now)
                .setSource("ListStreamSessions")
                .setPollerId("poller-1")
                .setPartitionSnapshots(partitionSnapshots)
                .setFullRefresh(fullRefresh)
                .build();
        cycles.pipeInput(group, marker, now);
        return this;
    }

    void pipeBytes(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value, now);
    }

    /**
     * An export candidate as a task of any partition sends it to the admission step: straight onto the
     * step's single-partition repartition topic, at this record time.
     */
    TopologyFixture pipeCandidate(ExportCommand candidate, Instant time) {
        if (candidates == null) {
            candidates = driver.createInputTopic(
                    ProcessorTopology.exportAdmissionTopic(config.applicationId()),
                    new StringSerializer(), topics.exportCommands().valueSerde().serializer());
        }
        candidates.pipeInput(ExportAdmission.KEY, candidate, time);
        return this;
    }

    /** A stream-group snapshot observed now (a null value: a tombstone for the key). */
    TopologyFixture pipeGroup(String group, StreamGroupSnapshot snapshot) {
        groupSnapshots.pipeInput(group, snapshot, now);
        return this;
    }

    List<StreamGroupTransition> groupTransitions() {
        return groupTransitions.readValuesToList();
    }

    List<SessionTransition> transitions() {
        return transitions.readValuesToList();
    }

    /** Transitions in the compact form of {@link #compact(SessionTransition)}. */
    List<String> compactTransitions() {
        return transitions().stream().map(TopologyFixture::compact).toList();
    }

    /** {@code FROM>TO[:reason]#sequence}, with {@code ~} at the end when inferred; FROM empty when first seen. */
    static String compact(SessionTransition t) {
        return (t.getFrom() == null ? "" : t.getFrom()) + ">" + t.getTo()
                + (t.getReason() == null ? "" : ":" + t.getReason()) + "#" + t.getSequence()
                + (t.getInferred() ? "~" : "");
    }

    List<SessionTermination> terminations() {
        return terminations.readValuesToList();
    }

    List<ExportResult> exportResults() {
        return exportResults.readValuesToList();
    }

    List<ExportCommand> commands() {
        return commands.readValuesToList();
    }

    List<KeyValue<String, LocationErrorRate>> finalRates() {
        return finalRates.readKeyValuesToList();
    }

    List<LocationErrorRate> liveRates() {
        return liveRates.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    KeyValueStore<String, SessionState> sessions() {
        return driver.getKeyValueStore(ProcessorTopology.SESSIONS_STORE);
    }

    SessionState session(String sessionId) {
        return sessions().get(arn(sessionId));
    }

    KeyValueStore<String, LocationErrorRate> liveRatesStore() {
        return driver.getKeyValueStore(ProcessorTopology.LIVE_RATES_STORE);
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
