package dev.glsmon.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.Topic;
import dev.glsmon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The integration tests' workload must survive the broker it is written to. A workload dated
 * 2026-11-23 was older than the input topics' one-day retention a day later, and the broker's
 * retention check deleted it mid-test (BadInputIT and ThroughputIT stalled or lost transitions,
 * depending on when the check ran).
 */
class WorkloadTest {

    /** Kafka's default log.message.timestamp.after.max.ms: later record times are refused. */
    private static final Duration BROKER_FUTURE_LIMIT = Duration.ofHours(1);

    @Test
    void everyRecordTimeIsWithinTheShortestRetentionAndNotTooFarAhead() {
        Topics topics = Topics.of("wl.", 3);
        Duration shortest = topics.all().stream().map(Topic::retention).filter(Objects::nonNull)
                .min(Duration::compareTo).orElseThrow();
        Instant now = Instant.now();
        // the longest workload any test or bench section writes: 90 cycles
        for (ProducerRecord<byte[], byte[]> record : Workload.generate(topics, 3, 50, 2, 90, 1).records()) {
            Instant time = Instant.ofEpochMilli(record.timestamp());
            assertThat(time).as("%s at %s", record.topic(), time)
                    .isAfter(now.minus(shortest).plus(Duration.ofHours(1)))
                    .isBefore(now.plus(BROKER_FUTURE_LIMIT));
        }
    }
}
