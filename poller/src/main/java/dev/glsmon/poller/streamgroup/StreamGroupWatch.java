package dev.glsmon.poller.streamgroup;

import dev.glsmon.poller.groups.StreamGroupSource;
import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.poller.streamgroup.StreamGroupWatchMetrics.Outcome;
import dev.glsmon.schemas.StreamGroupSnapshot;
import dev.glsmon.schemas.Topic;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamGroupResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;

/**
 * One GetStreamGroup per stream group of this instance per round, a {@link StreamGroupSnapshot}
 * published only when the group's state differs from the one last published for it. The calls are
 * paced by the client's rate limiter (the GetStreamGroup budget, this instance's share of it,
 * lowered after throttling), so a round over many groups simply takes longer.
 */
public final class StreamGroupWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StreamGroupWatch.class);

    private final GameLiftStreamsClient client;
    private final RecordPublisher publisher;
    private final Topic<String, StreamGroupSnapshot> topic;
    private final StreamGroupSource groups;
    private final String region;
    private final String pollerId;
    private final Clock clock;
    private final StreamGroupWatchMetrics metrics;
    /** The state last published per group this instance watches; only the round's thread writes it. */
    private final Map<String, StreamGroupSnapshot> published = new ConcurrentHashMap<>();

    public StreamGroupWatch(GameLiftStreamsClient client, RecordPublisher publisher,
            Topic<String, StreamGroupSnapshot> topic, StreamGroupSource groups, String region, String pollerId,
            Clock clock, StreamGroupWatchMetrics metrics) {
        this.client = client;
        this.publisher = publisher;
        this.topic = topic;
        this.groups = groups;
        this.region = region;
        this.pollerId = pollerId;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One round over the groups assigned now; returns how many calls came to each outcome. */
    public Map<Outcome, Integer> pollOnce() throws InterruptedException {
        Set<String> current = new TreeSet<>(groups.current());
        published.keySet().retainAll(current); // a group another instance took is that one's to report
        Map<Outcome, Integer> round = new EnumMap<>(Outcome.class);
        for (String group : current) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stream-group watch stopped");
            }
            if (!groups.isAssigned(group)) {
                continue;
            }
            Outcome outcome = poll(group);
            metrics.count(outcome);
            round.merge(outcome, 1, Integer::sum);
        }
        return round;
    }

    private Outcome poll(String group) throws InterruptedException {
        GetStreamGroupResponse response;
        try {
            response = client.getStreamGroup(b -> b.identifier(group));
        } catch (ThrottlingException e) {
            LOG.info("GetStreamGroup {} still throttled after the SDK's retries: asked again next round", group);
            return Outcome.THROTTLED;
        } catch (ResourceNotFoundException e) {
            LOG.warn("stream group {} not found: nothing to report until it is listed again", group);
            published.remove(group);
            return Outcome.NOT_FOUND;
        } catch (SdkException e) {
            LOG.warn("GetStreamGroup {} failed: {}", group, e.getMessage());
            return Outcome.FAILED;
        }
        StreamGroupSnapshot snapshot;
        try {
            snapshot = StreamGroupSnapshotMapper.of(group, response, region, clock.instant(), pollerId);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: not published", e.getMessage());
            return Outcome.MALFORMED;
        }
        if (StreamGroupSnapshotMapper.sameState(published.get(group), snapshot)) {
            return Outcome.UNCHANGED;
        }
        try {
            publisher.send(topic, group, snapshot).get();
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("stream group snapshot of {} not acknowledged by Kafka: sent again next round", group, e);
            return Outcome.FAILED;
        }
        published.put(group, snapshot);
        LOG.debug("stream group {} now {} ({} locations)", group, snapshot.getStatus(), snapshot.getLocations().size());
        return Outcome.PUBLISHED;
    }
}
