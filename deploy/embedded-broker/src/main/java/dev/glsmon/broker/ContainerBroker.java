package dev.glsmon.broker;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container (Testcontainers), for machines with a Docker engine. */
final class ContainerBroker implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.1";

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static ContainerBroker start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-D" + KafkaBrokerExtension.BROKER_PROPERTY
                    + "=testcontainers needs a reachable Docker engine and none was found;"
                    + " run without it to use the embedded KRaft broker");
        }
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    void close() {
        container.stop();
    }
}
