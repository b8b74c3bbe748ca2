package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    @Test
    void namesEveryMissingPartAndTheBrokerToRunMeanwhile() {
        assertThat(LocalStackMain.missingMessage())
                .contains(LocalStackMain.MISSING)
                .contains("glsmon-embedded-broker.jar");
    }
}
