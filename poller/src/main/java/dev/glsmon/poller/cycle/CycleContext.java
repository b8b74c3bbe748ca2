package dev.glsmon.poller.cycle;

import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What every cycle run shares: collaborators and the stop signal. */
record CycleContext(
        RecordPublisher publisher,
        Topics topics,
        SnapshotMapper mapper,
        EnrichmentPlanner planner,
        Enricher enricher,
        SnapshotChanges changes,
        Duration fullRefreshInterval,
        SessionMemory memory,
        PollerMetrics metrics,
        Clock clock,
        String pollerId,
        BooleanSupplier stopRequested,
        CycleListener listener) {}
