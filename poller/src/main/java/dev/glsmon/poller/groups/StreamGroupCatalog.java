package dev.glsmon.poller.groups;

import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.poller.kafka.SendBatch;
import dev.glsmon.schemas.StreamGroupAssignment;
import dev.glsmon.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the compacted stream-groups topic hold exactly a desired set of groups: writes the groups
 * that are new or changed, tombstones the ones no longer wanted, and leaves the rest alone (so
 * several instances syncing the same set write nothing after the first).
 */
public final class StreamGroupCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(StreamGroupCatalog.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

    private final RecordPublisher publisher;
    private final Topic<String, StreamGroupAssignment> topic;
    private final Map<String, Object> readerProps;

    public StreamGroupCatalog(RecordPublisher publisher, Topic<String, StreamGroupAssignment> topic,
            Map<String, Object> readerProps) {
        this.publisher = publisher;
        this.topic = topic;
        this.readerProps = readerProps;
    }

    /** @return how many records were written (upserts plus tombstones) */
    public int sync(Collection<StreamGroupAssignment> desired) throws InterruptedException {
        Map<String, StreamGroupAssignment> present = StreamGroupTable.read(readerProps, topic, READ_TIMEOUT);
        SendBatch batch = new SendBatch();
        int upserts = 0;
        int tombstones = 0;
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (StreamGroupAssignment group : desired) {
            wanted.add(group.getStreamGroupId());
            StreamGroupAssignment old = present.get(group.getStreamGroupId());
            if (old == null || !sameFacts(old, group)) {
                batch.add(publisher.send(topic, group.getStreamGroupId(), group));
                upserts++;
            }
        }
        for (String id : present.keySet()) {
            if (!wanted.contains(id)) {
                batch.add(publisher.send(topic, id, null));
                tombstones++;
            }
        }
        batch.awaitAll();
        if (upserts + tombstones > 0) {
            LOG.info("stream groups topic {}: {} groups written, {} removed ({} wanted)", topic.name(), upserts,
                    tombstones, wanted.size());
        }
        return upserts + tombstones;
    }

    /** Same group as far as polling cares; discoveredAt alone is no reason to rewrite. */
    private static boolean sameFacts(StreamGroupAssignment a, StreamGroupAssignment b) {
        return Objects.equals(a.getArn(), b.getArn())
                && Objects.equals(a.getRegion(), b.getRegion())
                && Objects.equals(a.getDescription(), b.getDescription())
                && Objects.equals(a.getStatus(), b.getStatus())
                && Objects.equals(a.getLocations(), b.getLocations());
    }
}
