package dev.glsmon.poller;

/** How poller instances share the stream groups. */
public enum Coordination {
    /**
     * Instances of one consumer group subscribe to the compacted stream-groups topic and poll the
     * groups of the partitions Kafka assigns them.
     */
    KAFKA,
    /** This instance polls every configured or discovered group itself; nothing is written to Kafka for it. */
    NONE;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
