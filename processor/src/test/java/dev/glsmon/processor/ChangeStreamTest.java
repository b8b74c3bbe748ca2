package dev.glsmon.processor;

import dev.glsmon.testbed.Workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the poller publishes changes, not repeats. The same sessions as a change stream (with
 * not-found snapshots for the sessions that left the listing, and changes-only markers) must give
 * the processor the same transitions and terminations as every session every cycle.
 */
class ChangeStreamTest {

    private static final int SESSIONS = 300;
    private static final int CYCLES = 60;

    @Test
    void aChangeStreamYieldsTheSameTransitionsAndTerminationsAsEverySessionEveryCycle() {
        Outputs everyCycle = run(false);
        Outputs changes = run(true);

        assertThat(changes.inputSnapshots()).as("repeats dropped").isLessThan(everyCycle.inputSnapshots() / 2);
        assertThat(everyCycle.transitions()).as("some sessions vanish").anyMatch(t -> t.endsWith(">VANISHED"));
        assertThat(changes.transitions()).containsExactlyInAnyOrderElementsOf(everyCycle.transitions());
        assertThat(changes.terminations()).containsExactlyInAnyOrderElementsOf(everyCycle.terminations());
    }

    private record Outputs(int inputSnapshots, List<String> transitions, List<String> terminations) {}

    private static Outputs run(boolean changesOnly) {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Workload workload = changesOnly
                    ? Workload.changes(fixture.topics, 1, SESSIONS, 3, CYCLES, 5, 2)
                    : Workload.generate(fixture.topics, 1, SESSIONS, 3, CYCLES, 5, 2);
            for (ProducerRecord<byte[], byte[]> record : workload.records()) {
                fixture.at(Instant.ofEpochMilli(record.timestamp()))
                        .pipeBytes(record.topic(), new String(record.key(), StandardCharsets.UTF_8), record.value());
            }
            List<String> transitions = fixture.transitions().stream().map(ChangeStreamTest::transition).toList();
            List<String> terminations = fixture.terminations().stream().map(ChangeStreamTest::termination).toList();
            return new Outputs(workload.snapshotCount(), transitions, terminations);
        }
    }

    /** What a transition says, without when it was observed (a not-found snapshot is earlier than two cycles). */
    private static String transition(SessionTransition t) {
        return t.getSessionId() + ":" + t.getFrom() + ">" + t.getTo() + (t.getReason() == null ? "" : ":" + t.getReason());
    }

    private static String termination(SessionTermination t) {
        return t.getSessionId() + ":" + t.getStatus() + ":" + t.getReason() + ":" + t.getCategory();
    }
}
