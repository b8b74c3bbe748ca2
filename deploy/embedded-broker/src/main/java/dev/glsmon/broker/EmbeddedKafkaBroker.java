package dev.glsmon.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run in
 * this JVM from Kafka's own server classes: a single node by default, or one node of a cluster
 * ({@link Builder#clusterNode}: a static controller quorum of every node, see {@link EmbeddedKafkaCluster}).
 *
 * <p>A single node has the settings it needs for consumer groups, transactions and exactly-once
 * (replication factors and min ISR 1). A cluster node replicates Kafka's internal topics (offsets,
 * transaction log) on up to three nodes with a min ISR of two, as a production cluster does, and
 * keeps Kafka's own broker session timeout. The data directory is kept across {@link #restart()}
 * and, when given, across JVMs; its ports are remembered in it so that a restarted broker comes
 * back where its clients and its controller quorum expect it.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String PORTS_FILE = "glsmon-broker-ports.properties";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int SINGLE_NODE_ID = 1;

    private final Path dataDir;
    private final int nodeId;
    /** Null for a single node; else {@code id@host:port,...} of every controller of the cluster. */
    private final String quorumVoters;
    private final boolean temporaryDataDir;
    private final Map<String, String> overrides;
    private int port;
    private int controllerPort;
    private String clusterId;
    private KafkaRaftServer server;
    private Duration lastStartTime = Duration.ZERO;

    private EmbeddedKafkaBroker(Builder builder) {
        try {
            this.temporaryDataDir = builder.dataDir == null;
            this.dataDir = temporaryDataDir
                    ? Files.createTempDirectory("glsmon-kafka-")
                    : Files.createDirectories(builder.dataDir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker data directory", e);
        }
        this.overrides = Map.copyOf(builder.overrides);
        this.nodeId = builder.nodeId;
        this.quorumVoters = builder.quorumVoters;
        this.clusterId = builder.clusterId;
        Properties remembered = readPorts(dataDir);
        this.port = choosePort(builder.port, remembered, "port");
        this.controllerPort = choosePort(builder.controllerPort, remembered, "controller.port");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory on first use, then starts; returns once the broker is unfenced. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long begin = System.nanoTime();
        // An in-process broker on a taken port halts the whole JVM from Kafka's fault handler: check first.
        requireFree(port, "port");
        requireFree(controllerPort, "controller port");
        Path logDir = dataDir.resolve("kraft");
        Map<String, String> props = serverProperties(logDir);
        KafkaConfig config = new KafkaConfig(props, false);
        clusterId = formatIfNeeded(logDir);
        writePorts();
        KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            // a failed startup leaves non-daemon threads behind that would keep the JVM alive
            candidate.shutdown();
            candidate.awaitShutdown();
            throw new IllegalStateException("Kafka broker failed to start on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
        server = candidate;
        lastStartTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("Kafka broker ready on {} (cluster {}, data {}) in {} ms",
                bootstrapServers(), clusterId, dataDir, lastStartTime.toMillis());
        return this;
    }

    /** Stops the broker; its data stays. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    /** Stops and starts again on the same ports with the same data. */
    public synchronized EmbeddedKafkaBroker restart() {
        stop();
        return start();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String clusterId() {
        return clusterId;
    }

    public int nodeId() {
        return nodeId;
    }

    /** Wall time of the last {@link #start()}, formatting included. */
    public Duration lastStartTime() {
        return lastStartTime;
    }

    /** Stops, and deletes the data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private Map<String, String> serverProperties(Path logDir) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.num.partitions", "4");
        // the first group join would otherwise wait ~3 s
        props.put("group.initial.rebalance.delay.ms", "0");
        if (quorumVoters == null) {
            props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
            // single node: without these, consumer groups get nothing and initTransactions times out
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            // after a hard kill the restarted broker waits out its old registration: keep that short
            props.put("broker.session.timeout.ms", "2000");
            props.put("broker.heartbeat.interval.ms", "500");
        } else {
            // a static quorum of every node; Kafka's own internal-topic replication, capped by the cluster's size
            props.put("controller.quorum.voters", quorumVoters);
            String internalReplicas = Integer.toString(Math.min(3, quorumVoters.split(",").length));
            String internalMinIsr = Integer.toString(Math.min(2, quorumVoters.split(",").length));
            props.put("offsets.topic.replication.factor", internalReplicas);
            props.put("transaction.state.log.replication.factor", internalReplicas);
            props.put("transaction.state.log.min.isr", internalMinIsr);
            props.put("share.coordinator.state.topic.replication.factor", internalReplicas);
            props.put("share.coordinator.state.topic.min.isr", internalMinIsr);
        }
        // topics are created on purpose (glsmon's TopicInitializer, Kafka Streams' internal topics)
        props.put("auto.create.topics.enable", "false");
        props.putAll(overrides);
        return props;
    }

    private String formatIfNeeded(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + meta, e);
            }
            return Objects.requireNonNull(properties.getProperty("cluster.id"), "cluster.id missing in " + meta);
        }
        String newClusterId = clusterId != null ? clusterId : Uuid.randomUuid().toString();
        Formatter formatter = new Formatter()
                .setNodeId(nodeId)
                .setClusterId(newClusterId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setPrintStream(new java.io.PrintStream(OutputStream.nullOutputStream()));
        if (quorumVoters == null) {
            // what `kafka-storage format --standalone` does: this node is the initial controller quorum
            formatter.setHasDynamicQuorum(true).setInitialControllers(DynamicVoters.parse(
                    nodeId + "@localhost:" + controllerPort + ":" + Uuid.randomUuid()));
        }
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        return newClusterId;
    }

    private static Properties readPorts(Path dataDir) {
        Properties properties = new Properties();
        Path file = dataDir.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return properties;
    }

    private void writePorts() {
        Properties properties = new Properties();
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("controller.port", Integer.toString(controllerPort));
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(PORTS_FILE))) {
            properties.store(out, "ports of the glsmon embedded broker that owns this directory");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's ports file", e);
        }
    }

    private static int choosePort(int requested, Properties remembered, String key) {
        if (requested > 0) {
            return requested;
        }
        String previous = remembered.getProperty(key);
        return previous != null ? Integer.parseInt(previous) : freePort();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Kafka broker: " + what + " " + port
                    + " is already in use (another broker running? choose another port)", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", root, e.getMessage());
        }
    }

    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private int nodeId = SINGLE_NODE_ID;
        private String quorumVoters;
        private String clusterId;
        private final Map<String, String> overrides = new HashMap<>();

        /**
         * Makes this broker node {@code nodeId} of a cluster whose controllers (every node, combined
         * mode) are {@code quorumVoters} ({@code id@host:controllerPort,...}, this node's own entry
         * included); every node formats its storage with the same {@code clusterId}.
         */
        public Builder clusterNode(int nodeId, String quorumVoters, String clusterId) {
            this.nodeId = nodeId;
            this.quorumVoters = Objects.requireNonNull(quorumVoters, "quorumVoters");
            this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
            return this;
        }

        /** 0 (default) picks a free port, or the one remembered in the data directory. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Kept across restarts; null (default) uses a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Any broker setting, applied over the single-node defaults. */
        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
