package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TopicsTest {

    /** The table "Topic contract" of ARCHITECTURE.md. */
    @ParameterizedTest
    @CsvSource({
        "glsmon.session-snapshots,    'compact,delete',  1",
        "glsmon.poll-cycles,          delete,  1",
        "glsmon.session-transitions,  delete,  7",
        "glsmon.session-terminations, delete,  30",
        "glsmon.location-error-rates, compact, ",
        "glsmon.export-commands,      delete,  7",
        "glsmon.export-results,       delete,  30",
        "glsmon.dead-letter,          delete,  30",
        "glsmon.stream-groups,        compact, ",
        "glsmon.stream-group-snapshots, compact, ",
        "glsmon.stream-group-transitions, delete, 7",
    })
    void matchesTheArchitectureTable(String name, String cleanup, Integer retentionDays) {
        Topic<?, ?> topic = Topics.defaults().byName(name);

        assertThat(topic).as(name).isNotNull();
        assertThat(topic.cleanupPolicy()).isEqualTo(cleanup);
        assertThat(topic.retention()).isEqualTo(retentionDays == null ? null : Duration.ofDays(retentionDays));
        assertThat(topic.partitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
    }

    @Test
    void appliesAPrefixToEveryTopic() {
        Topics topics = Topics.of("staging.glsmon.", 3);

        assertThat(topics.all()).allSatisfy(t -> assertThat(t.name()).startsWith("staging.glsmon."));
        assertThat(topics.all()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(3));
        assertThat(topics.all()).hasSize(11);
    }

    @Test
    void refusesAPrefixKafkaCannotUse() {
        assertThatThrownBy(() -> Topics.of("bad prefix/", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad prefix/");
    }

    @Test
    void givesDeleteTopicsTheirRetentionInMilliseconds() {
        assertThat(Topics.defaults().sessionTransitions().configs())
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        assertThat(Topics.defaults().locationErrorRates().configs()).containsOnlyKeys("cleanup.policy");
    }

    @Test
    void keepsTheSnapshotTopicAsAChangeLogWithHourlySegments() {
        assertThat(Topics.defaults().sessionSnapshots().configs())
                .containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(1).toMillis()))
                .containsEntry("segment.ms", Long.toString(Duration.ofHours(1).toMillis()));
    }
}
