package dev.glsmon.broker;

/** A running Kafka broker that clients can reach. */
public interface KafkaBroker {

    /** host:port list for {@code bootstrap.servers}. */
    String bootstrapServers();
}
