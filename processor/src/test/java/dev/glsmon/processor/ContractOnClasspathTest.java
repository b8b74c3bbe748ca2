package dev.glsmon.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.Topics;
import org.junit.jupiter.api.Test;

/** Skeleton check until this module is built out: it compiles and sees the topic contract. */
class ContractOnClasspathTest {

    @Test
    void seesTheDefaultTopicContract() {
        assertThat(Topics.defaults().sessionSnapshots().name()).isEqualTo("glsmon.session-snapshots");
    }
}
