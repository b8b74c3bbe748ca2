package dev.glsmon.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar glsmon-embedded-broker.jar --port 9092 --data-dir DIR}: a broker for users and scripts. */
@Command(
        name = "glsmon-embedded-broker",
        mixinStandardHelpOptions = true,
        description = "Runs a real single-node Apache Kafka broker (KRaft, broker+controller) in this JVM.%n"
                + "Every option falls back to the environment variable GLSMON_<OPTION> (upper snake case).")
public final class EmbeddedBrokerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerMain.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:GLSMON_PORT:-9092}",
            description = "PLAINTEXT listener port on localhost (0 = a free one). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--controller-port", defaultValue = "${env:GLSMON_CONTROLLER_PORT:-0}",
            description = "KRaft controller port (0 = a free one, remembered in the data directory). Default: ${DEFAULT-VALUE}")
    int controllerPort;

    @Option(names = "--data-dir", defaultValue = "${env:GLSMON_DATA_DIR}",
            description = "Where the broker keeps its logs, kept across restarts. Default: a temporary directory deleted on exit")
    Path dataDir;

    @Option(names = "--node-id", defaultValue = "${env:GLSMON_NODE_ID:-1}",
            description = "This node's id in a cluster (with --controller-quorum-voters). Default: ${DEFAULT-VALUE}")
    int nodeId;

    @Option(names = "--controller-quorum-voters", defaultValue = "${env:GLSMON_CONTROLLER_QUORUM_VOTERS}",
            description = "Run as one node of a cluster: every node's id@host:controller-port, comma-separated"
                    + " (this node's entry gives --controller-port). Default: a single node")
    String quorumVoters;

    @Option(names = "--cluster-id", defaultValue = "${env:GLSMON_CLUSTER_ID}",
            description = "The cluster id every node of a cluster formats its storage with (with --controller-quorum-voters)")
    String clusterId;

    @Option(names = "--exit-on-stdin-close", defaultValue = "${env:GLSMON_EXIT_ON_STDIN_CLOSE:-false}",
            description = "Stop when standard input closes, so a broker started by another process dies with it")
    boolean exitOnStdinClose;

    /**
     * Broker settings over the single-node defaults, for a broker in a container: listeners on every
     * address, advertised under the names its clients use (deploy/compose). Split only at a comma that
     * starts the next KEY=, so that list values (listeners=A://:1,B://:2) stay whole.
     */
    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", split = ",\\s*(?=[\\w.-]+=)",
            defaultValue = "${env:GLSMON_KAFKA_PROPERTY}",
            description = "A broker setting over the single-node defaults (repeatable), e.g. listeners=... or"
                    + " advertised.listeners=... Env: GLSMON_KAFKA_PROPERTY (KEY=VALUE,KEY=VALUE).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        if (controllerPort < 0 || controllerPort > 65535 || (controllerPort != 0 && controllerPort == port)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--controller-port must be 0..65535 and differ from --port, was " + controllerPort);
        }
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(port)
                .controllerPort(controllerPort)
                .dataDir(dataDir);
        if (quorumVoters != null) {
            if (clusterId == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--cluster-id is required with --controller-quorum-voters");
            }
            builder.clusterNode(nodeId, quorumVoters, clusterId);
        }
        kafkaProperties.forEach(builder::config);
        EmbeddedKafkaBroker broker = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "glsmon-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            broker.start();
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        }
        // one machine-readable line for scripts and the local stack's launcher
        System.out.println("glsmon embedded broker ready: bootstrap.servers=" + broker.bootstrapServers()
                + " cluster.id=" + broker.clusterId() + " data.dir=" + broker.dataDir()
                + " started.ms=" + broker.lastStartTime().toMillis());
        System.out.flush();
        if (exitOnStdinClose) {
            Thread watcher = new Thread(() -> {
                waitForEndOfStdin(System.in);
                LOG.info("standard input closed: stopping");
                System.exit(0);
            }, "glsmon-broker-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
        return 0;
    }

    private static void waitForEndOfStdin(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // discard: only the end of the stream matters
            }
        } catch (IOException e) {
            LOG.debug("stdin read failed: {}", e.getMessage());
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new EmbeddedBrokerMain());
        int exit = cli.execute(args);
        System.exit(exit);
    }
}
