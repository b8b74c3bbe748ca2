package dev.glsmon.simulator.cli;

import dev.glsmon.common.config.SettingsCommandLine;
import dev.glsmon.simulator.Simulator;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code glsmon-simulator}: runs the GameLift Streams API emulator until stopped (SIGTERM, Ctrl-C). */
@Command(
        name = "glsmon-simulator",
        mixinStandardHelpOptions = true,
        versionProvider = SimulatorCommand.Version.class,
        description = "Amazon GameLift Streams API emulator: REST-JSON endpoint for the AWS SDK, deterministic"
                + " stream session simulation on virtual time, fault injection and a ground-truth log.",
        footer = {
            "",
            "Every option falls back to an environment variable: GLSMON_ and the option name in upper snake"
                    + " case, e.g. --time-scale -> GLSMON_TIME_SCALE. The command line wins over the environment.",
            "Admin endpoint (unsigned): GET|PUT|DELETE /_glsmon/faults, GET|DELETE /_glsmon/requests,"
                    + " GET /_glsmon/state, GET /_glsmon/healthz."
        },
        sortOptions = false)
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile URI endpoint;

    /** A command line whose options fall back to {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(new SimulatorCommand(), environment);
    }

    static CommandLine commandLine(SimulatorCommand command, Map<String, String> environment) {
        CommandLine cli = new CommandLine(command);
        SettingsCommandLine.addOptions(cli, SimulatorSettings.TABLE, environment);
        // one line that names the option, instead of the whole usage text after it
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().getErr().println("Run glsmon-simulator --help for the options.");
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = config();
        Logger log = LoggerFactory.getLogger(SimulatorCommand.class);
        Thread hook = new Thread(this::stopAndWait, "glsmon-sim-shutdown");
        try (Simulator simulator = config.builder().build()) {
            simulator.start();
            if (config.populate() > 0) {
                simulator.control().populate(config.populate(), config.populateGroups());
            }
            endpoint = simulator.endpoint();
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            out.println("glsmon simulator listening on " + endpoint);
            out.flush();
            started.countDown();
            stopRequested.await();
            log.info("stopping");
        } finally {
            started.countDown();
            stopped.countDown();
            removeHook(hook);
        }
        return 0;
    }

    /** Asks a running command to stop; {@link #call()} then closes the simulator and returns 0. */
    void stop() {
        stopRequested.countDown();
    }

    /** Waits until the simulator listens (or failed to start); its endpoint, or null. */
    URI awaitStarted(Duration timeout) throws InterruptedException {
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return endpoint;
    }

    private void stopAndWait() {
        stop();
        try {
            stopped.await(10, TimeUnit.SECONDS); // let call() close the simulator and flush the truth log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads every option into the settings map and builds the checked configuration; a bad value names its option. */
    SimulatorConfig config() {
        return SettingsCommandLine.read(spec, SimulatorSettings.TABLE, SimulatorConfig::from);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is what is stopping us
        }
    }

    /** Version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Simulator.class.getPackage().getImplementationVersion();
            return new String[] {"glsmon-simulator " + (version == null ? "(development build)" : version)};
        }
    }
}
