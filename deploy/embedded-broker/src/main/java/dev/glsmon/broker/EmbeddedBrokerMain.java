package dev.glsmon.broker;

import dev.glsmon.common.config.SettingsCommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar glsmon-embedded-broker.jar --port 9092 --data-dir DIR}: a broker for users and
 * scripts. The options come from {@link BrokerSettings}, each with its {@code GLSMON_} variable.
 */
@Command(
        name = "glsmon-embedded-broker",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Runs a real single-node Apache Kafka broker (KRaft, broker+controller) in this JVM.%n"
                + "Every option falls back to the environment variable GLSMON_<OPTION> (upper snake case).")
public final class EmbeddedBrokerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerMain.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line with one option per broker setting, falling back to the given environment. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new EmbeddedBrokerMain());
        SettingsCommandLine.addOptions(commandLine, BrokerSettings.TABLE, environment);
        return commandLine;
    }

    /** Reads every option into the settings map and builds the checked configuration; a bad value names its option. */
    BrokerConfig config() {
        return SettingsCommandLine.read(spec, BrokerSettings.TABLE, BrokerConfig::from);
    }

    @Override
    public Integer call() throws InterruptedException {
        BrokerConfig config = config();
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(config.port())
                .controllerPort(config.controllerPort())
                .dataDir(config.dataDir().orElse(null));
        config.quorumVoters().ifPresent(voters -> builder.clusterNode(config.nodeId(), voters, config.clusterId().orElseThrow()));
        config.kafkaProperties().forEach(builder::config);
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
        if (config.exitOnStdinClose()) {
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
        System.exit(commandLine(System.getenv()).execute(args));
    }
}
