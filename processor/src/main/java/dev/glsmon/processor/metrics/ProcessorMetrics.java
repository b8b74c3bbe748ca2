package dev.glsmon.processor.metrics;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.schemas.StreamGroupSnapshot;
import java.time.Duration;

/**
 * What the topology reports, kept out of it: the topology calls these, the application binds them to
 * Micrometer ({@link MicrometerProcessorMetrics}), tests use {@link #NONE} or read a registry.
 *
 * <p>Counters move when a record is processed, not when its transaction commits: under exactly-once
 * a task that aborts and reprocesses counts those records again. Metrics tolerate that; the topics
 * do not, and get exactly-once.
 */
public interface ProcessorMetrics {

    ProcessorMetrics NONE = new ProcessorMetrics() {};

    default void transition(String from, String to, String location) {}

    default void termination(String status, String reason, String category, String location) {}

    default void timeToActive(String location, Duration duration) {}

    default void timeToConnect(String location, Duration duration) {}

    default void sessionDuration(String location, Duration duration) {}

    default void exportCommand(ExportRule rule) {}

    default void exportRefused(ExportRule rule) {}

    /**
     * A command's FINAL export result went out.
     *
     * @param sinceIssued from the command to its final result, null when unknown
     */
    default void exportFinal(String rule, String outcome, Duration sinceIssued) {}

    /** A session's ExportFilesMetadata.Status changed to this value. */
    default void exportFiles(String status) {}

    default void staleSnapshot() {}

    /** A complete cycle's marker was read before some of its snapshots: no VANISHED inferred from it. */
    default void markerBeforeSnapshots() {}

    /** A snapshot or a field of it that was ignored; reason is a short bounded label. */
    default void oddSnapshot(String reason) {}

    default void deadLetter(String reason) {}

    /** A termination arrived for a window that had already closed. */
    default void lateTermination(String window) {}

    /**
     * A stream group's or location's status changed.
     *
     * @param scope {@code group} or {@code location}
     * @param from null when first seen
     */
    default void streamGroupTransition(String scope, String from, String to) {}

    /** The stream-group gauges one task holds (its groups' capacity and status). */
    default StreamGroupGauges streamGroupGauges(String taskId) {
        return StreamGroupGauges.NONE;
    }

    /** One task's stream groups: each group is on one partition, so one task reports it at a time. */
    interface StreamGroupGauges extends AutoCloseable {

        StreamGroupGauges NONE = new StreamGroupGauges() {};

        /** The group's state now: its capacity, utilisation, headroom and status series follow it. */
        default void state(StreamGroupSnapshot snapshot) {}

        /** The group is gone (a tombstone): its series go. */
        default void removed(String streamGroupId) {}

        /** The task was closed or moved: its groups' series go (the new owner registers them again). */
        @Override
        default void close() {}
    }

    /** The gauges one task contributes to; a new call for the same task replaces its old share. */
    default TaskGauges taskGauges(String taskId) {
        return TaskGauges.NONE;
    }

    /** One task's share of the gauges: sessions per status, location and stream group, live error ratios and unknown shares. */
    interface TaskGauges extends AutoCloseable {

        TaskGauges NONE = new TaskGauges() {};

        /** @param streamGroup the stream group id (sg-...): bounded, unlike a session id */
        default void sessions(String status, String location, String streamGroup, long delta) {}

        /**
         * The live error ratio and unknown share of a location's window; both gauges appear with the
         * first call.
         */
        default void liveRatios(String location, String window, double errorRatio, double unknownRatio) {}

        /** Removes this task's share (the task was closed or moved to another instance). */
        @Override
        default void close() {}
    }
}
