package dev.glsmon.poller;

import dev.glsmon.common.Metrics;
import dev.glsmon.common.OpsHttpServer;
import dev.glsmon.poller.aws.AwsClientFactory;
import dev.glsmon.common.config.Durations;
import dev.glsmon.common.config.SettingsCommandLine;
import dev.glsmon.poller.config.PollerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar glsmon-poller.jar --bootstrap-servers H:P --region R [--endpoint-url URL]
 * (--stream-groups a,b | --discover)}: polls GameLift Streams, publishes to Kafka, executes export
 * commands, serves /metrics, /healthz and /readyz. The options are generated from
 * {@link PollerSettings}, each falling back to GLSMON_ + the option in upper snake case. A bad
 * setting stops start-up with exit code 2 and a message naming its option.
 */
@Command(
        name = "glsmon-poller",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Polls Amazon GameLift Streams stream sessions, publishes SessionSnapshot and PollCycle records to Kafka,",
            "and executes export commands (ExportStreamSessionFiles).",
            "Every option falls back to the environment variable GLSMON_<OPTION> (upper snake case),",
            "e.g. --poll-interval <- GLSMON_POLL_INTERVAL. AWS credentials come from the SDK's default chain",
            "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, container or instance role).",
            "Durations: " + Durations.FORMS + "."
        })
public final class PollerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PollerCommand.class);

    @Spec
    CommandSpec spec;

    private final ToIntFunction<PollerConfig> runner;

    private PollerCommand(ToIntFunction<PollerConfig> runner) {
        this.runner = runner;
    }

    /** The program's command line, falling back to the process's environment; runs until SIGTERM or Ctrl-C. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv(), PollerCommand::runUntilStopped);
    }

    /**
     * The command line with one option per poller setting, falling back to the given environment.
     *
     * @param runner what to do with a valid configuration (tests check configurations without starting)
     */
    public static CommandLine commandLine(Map<String, String> environment, ToIntFunction<PollerConfig> runner) {
        CommandLine commandLine = new CommandLine(new PollerCommand(runner));
        SettingsCommandLine.addOptions(commandLine, PollerSettings.TABLE, environment);
        return commandLine;
    }

    @Override
    public Integer call() {
        PollerConfig config = config();
        try {
            new AwsClientFactory(config, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).region();
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + PollerSettings.REGION.option()
                    + "': " + e.getMessage());
        }
        return runner.applyAsInt(config);
    }

    /** The configuration the options and the environment describe; a bad value is a usage error naming its option. */
    PollerConfig config() {
        return SettingsCommandLine.read(spec, PollerSettings.TABLE, PollerConfig::from);
    }

    /**
     * Starts the poller and its HTTP endpoints and waits for SIGTERM/Ctrl-C. The named shutdown hook
     * stops the poller (the cycle in flight finishes its page and flushes) and ends the JVM with 0.
     */
    static int runUntilStopped(PollerConfig config) {
        Metrics metrics = Metrics.create("poller");
        PollerApp app;
        try {
            app = PollerApp.builder(config).meterRegistry(metrics.registry()).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.close();
            return 1;
        } catch (RuntimeException e) {
            LOG.error("poller did not start: {}", e.getMessage(), e);
            metrics.close();
            return 1;
        }
        OpsHttpServer http;
        try {
            http = OpsHttpServer.start(config.httpBindAddress(), config.httpPort(), metrics.registry(), app::isLive, app::isReady);
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            app.close();
            metrics.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean exitChosenByMain = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            app.close();
            http.close();
            metrics.close();
            stopped.countDown();
            if (!exitChosenByMain.get()) {
                // a signal stopped us and everything is flushed: a clean stop is exit status 0, not 143
                Runtime.getRuntime().halt(0);
            }
        }, "glsmon-poller-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitChosenByMain.set(true);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
