package dev.glsmon.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class ContainerBrokerTest {

    @Test
    void failsWithAClearMessageWhenNoDockerEngineRuns() {
        // on a machine with Docker this choice works and is exercised with -Dglsmon.broker=testcontainers
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is available here");

        assertThatThrownBy(ContainerBroker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a reachable Docker engine")
                .hasMessageContaining("-Dglsmon.broker=testcontainers");
    }
}
