package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionMemoryTest {

    @Test
    void cycleNumbersGrowPerGroupEvenWhenTheClockStandsStill() {
        SessionMemory memory = new SessionMemory();

        long first = memory.nextCycleNumber("sg-1", 1_000);
        long second = memory.nextCycleNumber("sg-1", 1_000);
        long third = memory.nextCycleNumber("sg-1", 5_000);

        assertThat(first).isEqualTo(1_000);
        assertThat(second).isEqualTo(1_001);
        assertThat(third).isEqualTo(5_000);
        assertThat(memory.nextCycleNumber("sg-2", 1_000)).isEqualTo(1_000);
    }

    @Test
    void aFullRefreshIsDueFirstThenOneIntervalAfterTheLastCompleteOne() {
        SessionMemory memory = new SessionMemory();
        Instant start = Instant.parse("2026-03-01T12:00:00Z");
        Duration interval = Duration.ofMinutes(10);
        memory.replace("sg-1", Map.of()); // restored from the topic: still due

        assertThat(memory.fullRefreshDue("sg-1", start, interval)).as("first cycle after a start").isTrue();
        memory.fullRefreshDone("sg-1", start);
        assertThat(memory.fullRefreshDue("sg-1", start.plus(Duration.ofMinutes(9)), interval)).isFalse();
        assertThat(memory.fullRefreshDue("sg-1", start.plus(interval), interval)).isTrue();
        assertThat(memory.fullRefreshDue("sg-2", start, interval)).as("a group newly polled").isTrue();
        memory.retainGroups(List.of("sg-2"));
        assertThat(memory.fullRefreshDue("sg-1", start.plus(Duration.ofMinutes(1)), interval))
                .as("a group given back after a rebalance").isTrue();
    }

    @Test
    void forgetsGroupsNoLongerPolled() {
        SessionMemory memory = new SessionMemory();
        KnownSession known = new KnownSession(Snapshots.listed("ACTIVE"), null, null);
        memory.replace("sg-1", Map.of(Snapshots.ARN, known));
        memory.replace("sg-2", Map.of(Snapshots.ARN, known));

        memory.retainGroups(List.of("sg-2"));

        assertThat(memory.groups()).containsExactly("sg-2");
        assertThat(memory.size()).isEqualTo(1);
        assertThat(memory.known("sg-1", Snapshots.ARN)).isNull();
    }
}
