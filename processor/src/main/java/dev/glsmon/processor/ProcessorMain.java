package dev.glsmon.processor;

import dev.glsmon.common.Metrics;
import dev.glsmon.common.config.SettingsCommandLine;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.config.ProcessorSettings;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar glsmon-processor.jar --bootstrap-servers H:P --http-port 9402 --state-dir DIR}.
 *
 * <p>The options are generated from {@link ProcessorSettings}, each with its environment fallback
 * ({@code GLSMON_} + the option in upper snake case); a bad value stops start-up with exit code 2
 * and a message naming the option. Exit code 0 after a clean shutdown (SIGTERM, Ctrl-C), 1 when
 * Kafka Streams failed.
 */
@Command(
        name = "glsmon-processor",
        mixinStandardHelpOptions = true,
        version = "glsmon processor 0.1.0",
        sortOptions = false,
        description = "Turns GameLift Streams session snapshots into transitions, terminations, error rates per "
                + "location, export commands and Prometheus metrics (Kafka Streams, exactly-once).")
public final class ProcessorMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorMain.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with one option per processor setting, falling back to the process's environment. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command line with one option per processor setting, falling back to the given environment. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new ProcessorMain());
        SettingsCommandLine.addOptions(commandLine, ProcessorSettings.TABLE, environment);
        return commandLine;
    }

    /** The configuration the given arguments make, without starting anything (tests, tooling). */
    static ProcessorConfig configFrom(String... args) {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs(args);
        return commandLine.<ProcessorMain>getCommand().config();
    }

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = config();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<ProcessorApp> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            ProcessorApp app = running.get();
            if (app != null) {
                app.close();
            }
            stop.countDown();
        }, "glsmon-processor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProcessorApp app;
        try (Metrics metrics = Metrics.create("processor")) {
            try {
                app = ProcessorApp.start(config, new Properties(), metrics.registry());
            } catch (RuntimeException e) {
                LOG.error("the processor could not start: {}", e.getMessage(), e);
                return 1;
            }
            running.set(app);
            app.terminated().thenAccept(state -> stop.countDown());
            stop.await();
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.ERROR) {
                LOG.error("Kafka Streams failed; exiting with 1");
                removeHook(hook);
                app.close();
                return 1;
            }
            return 0;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already and closes the app itself
        }
    }

    /** Reads every option into the settings map and builds the checked configuration. */
    ProcessorConfig config() {
        return SettingsCommandLine.read(spec, ProcessorSettings.TABLE, ProcessorConfig::from);
    }
}
