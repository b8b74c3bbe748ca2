package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.StreamGroupStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stream group inside the engine; mutable only under the engine's lock. */
final class StreamGroup {

    final String id;
    final String arn;
    final String description;
    final String streamClass;
    final String applicationId;
    final String applicationArn;
    final long createdAt;
    StreamGroupStatus status = StreamGroupStatus.ACTIVE;
    /** Only while the status is not ACTIVE. */
    String statusReason;
    long lastUpdatedAt;
    /** By location name, in the order the scenario lists them. */
    final Map<String, GroupLocation> locations = new LinkedHashMap<>();

    StreamGroup(String id, String arn, String description, String streamClass, String applicationId,
            String applicationArn, long createdAt) {
        this.id = id;
        this.arn = arn;
        this.description = description;
        this.streamClass = streamClass;
        this.applicationId = applicationId;
        this.applicationArn = applicationArn;
        this.createdAt = createdAt;
        this.lastUpdatedAt = createdAt;
    }
}
