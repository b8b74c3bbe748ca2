package dev.glsmon.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A glsmon program (or any main class on this JVM's classpath) in a child JVM, for tests that must
 * kill it the hard way: {@link #kill()} is {@link Process#destroyForcibly()}, which on Linux and
 * macOS sends SIGKILL, so no shutdown hook runs, nothing is flushed and open transactions stay open.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);

    private final String name;
    private final Process process;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <this JVM's classpath> <mainClass> <args>}, standard output
     * and error appended to {@code log}; standard input closed at once.
     */
    public static ChildJvm start(String name, List<String> jvmOptions, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            LOG.info("started {} as pid {} (log {})", name, process.pid(), log);
            return new ChildJvm(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits up to 30 s for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        LOG.info("killed {} (pid {}, exit {})", name, process.pid(), process.exitValue());
    }

    /**
     * SIGTERM (a clean shutdown: the child's shutdown hooks run), then waits; SIGKILL if it is still
     * running after {@code timeout}.
     */
    public void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} (pid {}) still running {} s after SIGTERM: killing it", name, process.pid(), timeout.toSeconds());
            kill();
            return;
        }
        LOG.info("stopped {} (pid {}, exit {})", name, process.pid(), process.exitValue());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
