package dev.glsmon.local;

import dev.glsmon.common.config.Durations;
import dev.glsmon.common.config.SettingsCommandLine;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar glsmon-local.jar}: the one-command local stack, and {@code tail} to read any
 * glsmon topic as JSON lines.
 */
@Command(name = "glsmon-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs glsmon on this machine: an embedded Kafka broker (child JVM), the GameLift Streams simulator,",
                "the processor and the poller. Ctrl-C stops every part in order; data stays in --data-dir.",
                "Every option falls back to the environment variable GLSMON_<OPTION> (upper snake case)."})
public final class LocalStackMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackMain.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static {
        // The JDK HTTP server answers ~45 ms late without TCP_NODELAY; it reads this once, at the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The launcher's command line, with {@code tail}, every option falling back to the given environment. */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new LocalStackMain());
        SettingsCommandLine.addOptions(commandLine, LocalStackSettings.TABLE, environment);
        commandLine.addSubcommand("tail", TailCommand.commandLine(environment));
        return commandLine;
    }

    /** The options a command line gives, as the launcher reads them (tests start the stack this way). */
    static LocalStackOptions options(Map<String, String> environment, String... args) {
        CommandLine commandLine = commandLine(environment);
        commandLine.parseArgs(args);
        return commandLine.<LocalStackMain>getCommand().options();
    }

    /** Reads every option into the settings map and checks them; a bad value names its option. */
    LocalStackOptions options() {
        return SettingsCommandLine.read(spec, LocalStackSettings.TABLE, LocalStackOptions::from);
    }

    @Override
    public Integer call() throws Exception {
        LocalStackOptions options = options();
        System.setProperty("glsmon.log.file", options.dataDir().resolve("glsmon-local.log").toString());
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("glsmon-local could not start: " + e.getMessage());
            LOG.error("start-up failed", e);
            return 1;
        }
        Thread hook = new Thread(() -> {
            stop.countDown();
            stack.close();
        }, "glsmon-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(stack.banner());
        out.flush();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glsmon-local-summary");
            t.setDaemon(true);
            return t;
        });
        Console console = System.console();
        SummaryReader reader = new SummaryReader();
        if (!options.quiet() && console != null) {
            long every = options.summaryInterval().toMillis();
            ticker.scheduleAtFixedRate(() -> {
                // clear the screen, then the summary: a live view, not a scrolling log
                out.print("\033[H\033[2J");
                out.println(stack.banner());
                out.println(SummaryRenderer.render(stack.summary(reader)));
                out.flush();
            }, every, every, TimeUnit.MILLISECONDS);
        }
        boolean timedOut = options.duration().isZero()
                ? awaitForever(stop)
                : !stop.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
        ticker.shutdownNow();
        if (timedOut) {
            out.println(SummaryRenderer.render(stack.summary(reader)));
            out.println("--duration " + Durations.format(options.duration()) + " reached: stopping");
            out.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            stack.close();
        }
        return 0;
    }

    private static boolean awaitForever(CountDownLatch stop) throws InterruptedException {
        stop.await();
        return false;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }
}
