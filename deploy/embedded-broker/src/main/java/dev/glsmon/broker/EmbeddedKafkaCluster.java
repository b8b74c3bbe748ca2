package dev.glsmon.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of several KRaft nodes (broker and controller each, a static quorum of all), every
 * node an {@link EmbeddedBrokerMain} in a child JVM of its own, so that a test can kill one with
 * SIGKILL ({@link #kill}), stop it cleanly ({@link #stop}, SIGTERM: controlled shutdown) and start it
 * again on its ports and data ({@link #start(int)}). Node ids are 1..size.
 */
public final class EmbeddedKafkaCluster implements KafkaBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final String READY = "glsmon embedded broker ready: ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** A broker handles the test's few thousand records a second: C1 and the serial collector save the shared cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] ports;
    private final int[] controllerPorts;
    private final ChildJvm[] nodes;
    private final int[] starts;

    private EmbeddedKafkaCluster(int size, Path dir) {
        this.dir = dir;
        this.ports = IntStream.range(0, size).map(i -> EmbeddedKafkaBroker.freePort()).toArray();
        this.controllerPorts = IntStream.range(0, size).map(i -> EmbeddedKafkaBroker.freePort()).toArray();
        this.nodes = new ChildJvm[size];
        this.starts = new int[size];
    }

    /**
     * Starts {@code size} nodes with their data and logs under {@code dir} (empty or absent: every
     * cluster has a new id); returns once every one is ready.
     */
    public static EmbeddedKafkaCluster start(int size, Path dir) throws InterruptedException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, was " + size);
        }
        if (isNonEmptyDirectory(dir)) {
            throw new IllegalArgumentException(dir + " holds an earlier cluster's data or logs: give an empty directory");
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(size, createDirectories(dir));
        long begin = System.nanoTime();
        try {
            // all at once: a node's start-up returns only once a majority of the quorum is up
            for (int id : cluster.nodeIds()) {
                cluster.launch(id);
            }
            for (int id : cluster.nodeIds()) {
                cluster.awaitReady(id);
            }
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka cluster of {} nodes ready on {} in {} ms (logs and data in {})", size,
                cluster.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dir);
        return cluster;
    }

    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, nodes.length).boxed().toList();
    }

    @Override
    public String bootstrapServers() {
        return IntStream.of(ports).mapToObj(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    public String clusterId() {
        return clusterId;
    }

    public boolean isRunning(int nodeId) {
        ChildJvm node = nodes[index(nodeId)];
        return node != null && node.isAlive();
    }

    public long pid(int nodeId) {
        return nodes[index(nodeId)].pid();
    }

    /** SIGKILL: no controlled shutdown, nothing flushed. */
    public synchronized void kill(int nodeId) throws InterruptedException {
        nodes[index(nodeId)].kill();
    }

    /** SIGTERM: the node's controlled shutdown moves its leaderships away before it stops. */
    public synchronized void stop(int nodeId) throws InterruptedException {
        nodes[index(nodeId)].stop(STOP_TIMEOUT);
    }

    /** Starts a stopped or killed node again on its ports and data; returns once it is ready. */
    public synchronized void start(int nodeId) throws InterruptedException {
        if (isRunning(nodeId)) {
            throw new IllegalStateException("node " + nodeId + " is running");
        }
        launch(nodeId);
        awaitReady(nodeId);
    }

    /**
     * Waits until every partition of every topic (Kafka's internal ones included) has a leader and all
     * its replicas in sync: what an operator waits for between two brokers of a rolling restart.
     */
    public void awaitFullyReplicated(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> lagging = underReplicated();
        while (lagging.isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not fully replicated after " + timeout.toSeconds() + " s: " + lagging.get());
            }
            TimeUnit.MILLISECONDS.sleep(250);
            lagging = underReplicated();
        }
    }

    private Optional<String> underReplicated() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000))) {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
                for (TopicPartitionInfo p : topic.partitions()) {
                    if (p.leader() == null || p.isr().size() < p.replicas().size()) {
                        return Optional.of(topic.name() + "-" + p.partition() + " (leader " + p.leader()
                                + ", isr " + p.isr().size() + " of " + p.replicas().size() + ")");
                    }
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of("metadata not available (" + e.getMessage() + ")");
        }
    }

    private void launch(int nodeId) {
        int i = index(nodeId);
        starts[i]++;
        String voters = IntStream.range(0, nodes.length)
                .mapToObj(n -> (n + 1) + "@localhost:" + controllerPorts[n]).collect(Collectors.joining(","));
        List<String> args = List.of("--node-id=" + nodeId, "--port=" + ports[i], "--controller-port=" + controllerPorts[i],
                "--data-dir=" + dir.resolve("node-" + nodeId), "--controller-quorum-voters=" + voters,
                "--cluster-id=" + clusterId);
        nodes[i] = ChildJvm.start("Kafka node " + nodeId, JVM_OPTIONS, EmbeddedBrokerMain.class.getName(), args,
                log(nodeId));
    }

    private void awaitReady(int nodeId) throws InterruptedException {
        ChildJvm node = nodes[index(nodeId)];
        Path log = log(nodeId);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Optional<String> ready = readyLine(log);
            if (ready.isPresent()) {
                if (!ready.get().contains("cluster.id=" + clusterId)) {
                    throw new IllegalStateException("node " + nodeId + " joined another cluster: " + ready.get());
                }
                LOG.info("Kafka node {} ready (pid {})", nodeId, node.pid());
                return;
            }
            if (!node.isAlive()) {
                throw new IllegalStateException("Kafka node " + nodeId + " exited during start-up; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka node " + nodeId + " not ready after "
                        + START_TIMEOUT.toSeconds() + " s; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static Optional<String> readyLine(Path log) {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith(READY)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // being written
        }
    }

    /** One log per start of a node, so a ready line is always this start's. */
    private Path log(int nodeId) {
        return dir.resolve("node-" + nodeId + "-" + starts[index(nodeId)] + ".log");
    }

    private int index(int nodeId) {
        if (nodeId < 1 || nodeId > nodes.length) {
            throw new IllegalArgumentException("no node " + nodeId + " in a cluster of " + nodes.length);
        }
        return nodeId - 1;
    }

    private static boolean isNonEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Kills every node still running (their data stays in the directory, with their logs). */
    @Override
    public synchronized void close() throws InterruptedException {
        List<Integer> alive = new ArrayList<>();
        for (int id = 1; id <= nodes.length; id++) {
            if (isRunning(id)) {
                alive.add(id);
                nodes[id - 1].kill();
            }
        }
        LOG.info("Kafka cluster nodes {} killed; data and logs kept in {}", alive, dir);
    }
}
