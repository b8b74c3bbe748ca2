package dev.glsmon.bench.jmh;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.session.Outcome;
import dev.glsmon.processor.session.SessionLifecycle;
import dev.glsmon.processor.session.TerminationCategories;
import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The processor's transition detection ({@link SessionLifecycle#onSnapshot}: stored state +
 * snapshot -> outcome) for the common case (the snapshot repeats the stored status) and for a
 * transition, against the baseline every snapshot pays before detection anyway: decoding it from
 * the topic with our serde. A ratio below 1 means detection costs less than reading the input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DetectionBenchmark {

    private static final String ARN = SerdeBenchmark.typicalSnapshot().getArn();

    private SessionLifecycle lifecycle;
    private SessionState storedConnected;
    private SessionState storedActive;
    private SessionSnapshot connected;
    private AvroSerde<SessionSnapshot> serde;
    private byte[] connectedBytes;
    private long recordTime;

    @Setup
    public void setUp() {
        ProcessorConfig defaults = ProcessorConfig.defaults();
        lifecycle = new SessionLifecycle(
                new TerminationCategories(defaults.reasonCategories(), defaults.errorCategories()),
                defaults.reasonWaitCycles(), defaults.endedRetention());
        connected = SerdeBenchmark.typicalSnapshot();
        recordTime = connected.getObservedAt().toEpochMilli();
        SessionSnapshot active = SessionSnapshot.newBuilder(connected)
                .setStatus("ACTIVE")
                .setLastUpdatedAt(connected.getCreatedAt().plusSeconds(10))
                .setObservedAt(connected.getCreatedAt().plusSeconds(12))
                .build();
        storedActive = lifecycle.onSnapshot(ARN, null, active, recordTime - 30_000, null).state();
        storedConnected = lifecycle.onSnapshot(ARN, storedActive, connected, recordTime, null).state();
        serde = AvroSerde.of(SessionSnapshot.class);
        connectedBytes = serde.serialize("bench", connected);
    }

    /** What most snapshots are: the status the store already holds. */
    @Benchmark
    public Outcome detectNoChange() {
        return lifecycle.onSnapshot(ARN, storedConnected, connected, recordTime, null);
    }

    /** ACTIVE -> CONNECTED: a new state and a transition record. */
    @Benchmark
    public Outcome detectTransition() {
        return lifecycle.onSnapshot(ARN, storedActive, connected, recordTime, null);
    }

    /** Baseline: decoding the same snapshot, which the processor does for every input record. */
    @Benchmark
    public SessionSnapshot decodeSnapshotBaseline() {
        return serde.deserialize("bench", connectedBytes);
    }
}
