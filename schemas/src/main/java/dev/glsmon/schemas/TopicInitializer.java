package dev.glsmon.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contract's missing topics with their settings and their {@link Replication}, and
 * reports, without changing them, existing topics whose partitions, configs or replication factor
 * differ (an operator may have chosen otherwise on purpose; overwriting retention silently could
 * delete data).
 */
public final class TopicInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final Optional<Short> replicationFactor;

    /**
     * @param replicationFactor empty: three, or the number of brokers the cluster has now if fewer
     *     ({@link Replication#forBrokers})
     */
    public TopicInitializer(Admin admin, Optional<Short> replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    public record Difference(String topic, String setting, String expected, String actual) {
        @Override
        public String toString() {
            return topic + ": " + setting + " is " + actual + ", glsmon expects " + expected;
        }
    }

    /** @param replication what created topics got, and what Kafka Streams' internal topics should get */
    public record Report(List<String> created, List<String> existing, List<Difference> differences,
            Replication replication) {}

    public Report ensure(Collection<Topic<?, ?>> topics) throws InterruptedException {
        try {
            Replication replication = replication();
            Set<String> present = admin.listTopics().names().get();
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<NewTopic> toCreate = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (present.contains(topic.name())) {
                    existing.add(topic.name());
                } else {
                    Map<String, String> configs = new HashMap<>(topic.configs());
                    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInsyncReplicas()));
                    toCreate.add(new NewTopic(topic.name(), Optional.of(topic.partitions()),
                            Optional.of(replication.factor())).configs(configs));
                }
            }
            if (!toCreate.isEmpty()) {
                var results = admin.createTopics(toCreate).values();
                for (var entry : results.entrySet()) {
                    try {
                        entry.getValue().get();
                        created.add(entry.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        existing.add(entry.getKey()); // another instance created it first
                    }
                }
            }
            awaitVisible(created);
            List<Difference> differences = compare(topics, existing, replication);
            created.forEach(name -> LOG.info("created topic {} (replication factor {}, min.insync.replicas {})",
                    name, replication.factor(), replication.minInsyncReplicas()));
            differences.forEach(d -> LOG.warn("topic settings differ (left as they are): {}", d));
            return new Report(List.copyOf(created), List.copyOf(existing), List.copyOf(differences), replication);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or inspect glsmon topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Replication replication() throws ExecutionException, InterruptedException {
        if (replicationFactor.isPresent()) {
            return Replication.of(replicationFactor.get());
        }
        return Replication.forBrokers(admin.describeCluster().nodes().get().size());
    }

    /**
     * A created topic reaches the broker's metadata a moment after the controller commits it; callers
     * produce right away, so wait until every created topic can be described.
     */
    private void awaitVisible(List<String> created) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        while (!created.isEmpty()) {
            try {
                admin.describeTopics(created).allTopicNames().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private List<Difference> compare(Collection<Topic<?, ?>> topics, List<String> existing, Replication replication)
            throws ExecutionException, InterruptedException {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(existing).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(existing.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .collect(Collectors.toList()))
                .all()
                .get();
        List<Difference> differences = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            if (description == null) {
                continue;
            }
            int partitions = description.partitions().size();
            if (partitions != topic.partitions()) {
                differences.add(new Difference(
                        topic.name(), "partitions", Integer.toString(topic.partitions()), Integer.toString(partitions)));
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (replicas < replication.factor()) {
                differences.add(new Difference(topic.name(), "replication factor",
                        Short.toString(replication.factor()), Integer.toString(replicas)));
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            topic.configs().forEach((key, expected) -> {
                var entry = config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!expected.equals(actual)) {
                    differences.add(new Difference(topic.name(), key, expected, String.valueOf(actual)));
                }
            });
        }
        return differences;
    }
}
