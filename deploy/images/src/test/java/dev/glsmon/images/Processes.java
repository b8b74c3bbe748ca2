package dev.glsmon.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine with a time limit, keeping what they print. */
final class Processes {

    private Processes() {}

    /** What a finished command said. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n" + stdout + stderr;
        }
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, List.of(command), "");
    }

    static Result run(Duration timeout, List<String> command) {
        return run(timeout, command, "");
    }

    /**
     * Runs {@code command} to its end, without this JVM's environment variables whose names start with
     * {@code dropPrefix} (none when empty); a command still running after {@code timeout} is killed and fails.
     */
    static Result run(Duration timeout, List<String> command, String dropPrefix) {
        return run(timeout, command, Map.of(), dropPrefix);
    }

    /** As {@link #run(Duration, List, String)}, with {@code env} added to the command's environment. */
    static Result run(Duration timeout, List<String> command, Map<String, String> env, String dropPrefix) {
        try {
            Path out = Files.createTempFile("glsmon-images", ".out");
            Path err = Files.createTempFile("glsmon-images", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                if (!dropPrefix.isEmpty()) {
                    builder.environment().keySet().removeIf(name -> name.startsWith(dropPrefix));
                }
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    stop(process);
                    throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n"
                            + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Result(List.copyOf(command), process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /**
     * Stops {@code process} and everything it started: SIGTERM to the descendants first (a program in
     * an image runs as their child, and {@code unshare} ignores SIGTERM while it waits), SIGKILL to
     * whatever is left after a grace period.
     */
    static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code result} if its exit code is 0; otherwise fails with everything the command printed. */
    static Result check(Result result) {
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
        return result;
    }
}
