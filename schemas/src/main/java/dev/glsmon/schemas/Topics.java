package dev.glsmon.schemas;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic contract of ARCHITECTURE.md in one place: names (under a configurable prefix), serdes,
 * partitions, cleanup policy and retention. Immutable; build one per configuration.
 *
 * <p>Snapshots and poll cycles must have the same partition count: the processor joins them per
 * partition, and the poller writes each cycle marker to every partition.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "glsmon.";
    public static final int DEFAULT_PARTITIONS = 6;

    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
    private static final String COMPACT_DELETE = COMPACT + "," + DELETE;
    private static final Duration DAY = Duration.ofDays(1);
    /** An hour: compaction and deletion work on closed segments, so the topic holds at most an hour of repeats. */
    static final Duration SNAPSHOT_SEGMENT = Duration.ofHours(1);

    private final String prefix;
    private final Topic<String, SessionSnapshot> sessionSnapshots;
    private final Topic<String, PollCycle> pollCycles;
    private final Topic<String, SessionTransition> sessionTransitions;
    private final Topic<String, SessionTermination> sessionTerminations;
    private final Topic<String, LocationErrorRate> locationErrorRates;
    private final Topic<String, ExportCommand> exportCommands;
    private final Topic<String, ExportResult> exportResults;
    private final Topic<byte[], DeadLetter> deadLetter;
    private final Topic<String, StreamGroupAssignment> streamGroups;
    private final Topic<String, StreamGroupSnapshot> streamGroupSnapshots;
    private final Topic<String, StreamGroupTransition> streamGroupTransitions;

    private Topics(String prefix, int partitions) {
        if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "topic prefix '" + prefix + "' may only hold letters, digits, '.', '_' and '-'");
        }
        this.prefix = prefix;
        Serde<String> key = Serdes.String();
        // a change log: the latest snapshot per session for a day, read back whole by a restarting poller
        sessionSnapshots = new Topic<>(prefix + "session-snapshots", key, AvroSerde.of(SessionSnapshot.class),
                partitions, COMPACT_DELETE, DAY, SNAPSHOT_SEGMENT);
        pollCycles = topic("poll-cycles", key, PollCycle.class, partitions, DELETE, DAY);
        sessionTransitions = topic("session-transitions", key, SessionTransition.class, partitions, DELETE, DAY.multipliedBy(7));
        sessionTerminations = topic("session-terminations", key, SessionTermination.class, partitions, DELETE, DAY.multipliedBy(30));
        locationErrorRates = topic("location-error-rates", key, LocationErrorRate.class, partitions, COMPACT, null);
        exportCommands = topic("export-commands", key, ExportCommand.class, partitions, DELETE, DAY.multipliedBy(7));
        exportResults = topic("export-results", key, ExportResult.class, partitions, DELETE, DAY.multipliedBy(30));
        deadLetter = topic("dead-letter", Serdes.ByteArray(), DeadLetter.class, partitions, DELETE, DAY.multipliedBy(30));
        streamGroups = topic("stream-groups", key, StreamGroupAssignment.class, partitions, COMPACT, null);
        streamGroupSnapshots = topic("stream-group-snapshots", key, StreamGroupSnapshot.class, partitions, COMPACT, null);
        streamGroupTransitions = topic("stream-group-transitions", key, StreamGroupTransition.class, partitions, DELETE,
                DAY.multipliedBy(7));
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX, DEFAULT_PARTITIONS);
    }

    public static Topics of(String prefix, int partitions) {
        return new Topics(prefix, partitions);
    }

    private <K, V extends org.apache.avro.specific.SpecificRecord> Topic<K, V> topic(
            String suffix, Serde<K> keySerde, Class<V> type, int partitions, String cleanup, Duration retention) {
        return new Topic<>(prefix + suffix, keySerde, AvroSerde.of(type), partitions, cleanup, retention);
    }

    public String prefix() {
        return prefix;
    }

    public Topic<String, SessionSnapshot> sessionSnapshots() {
        return sessionSnapshots;
    }

    public Topic<String, PollCycle> pollCycles() {
        return pollCycles;
    }

    public Topic<String, SessionTransition> sessionTransitions() {
        return sessionTransitions;
    }

    public Topic<String, SessionTermination> sessionTerminations() {
        return sessionTerminations;
    }

    public Topic<String, LocationErrorRate> locationErrorRates() {
        return locationErrorRates;
    }

    public Topic<String, ExportCommand> exportCommands() {
        return exportCommands;
    }

    public Topic<String, ExportResult> exportResults() {
        return exportResults;
    }

    public Topic<byte[], DeadLetter> deadLetter() {
        return deadLetter;
    }

    public Topic<String, StreamGroupAssignment> streamGroups() {
        return streamGroups;
    }

    /** The latest state of each stream group and its locations (compacted: one per group survives). */
    public Topic<String, StreamGroupSnapshot> streamGroupSnapshots() {
        return streamGroupSnapshots;
    }

    public Topic<String, StreamGroupTransition> streamGroupTransitions() {
        return streamGroupTransitions;
    }

    public List<Topic<?, ?>> all() {
        return List.of(
                sessionSnapshots,
                pollCycles,
                sessionTransitions,
                sessionTerminations,
                locationErrorRates,
                exportCommands,
                exportResults,
                deadLetter,
                streamGroups,
                streamGroupSnapshots,
                streamGroupTransitions);
    }

    /** The topic of a name in this contract, or null. */
    public Topic<?, ?> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
