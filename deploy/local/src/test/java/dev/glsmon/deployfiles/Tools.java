package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the deploy files are checked with. A missing tool fails the test
 * and names the Debian package to install ({@code .ci/run} installs them): these checks are
 * never skipped.
 */
final class Tools {

    private Tools() {}

    /** Finds {@code binary} on the PATH, or fails saying which Debian package provides it. */
    static Path require(String binary, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(binary + " is not on the PATH. Install the Debian package '" + debianPackage
                + "' (apt-get update && apt-get install -y " + debianPackage + "); .ci/run installs it.");
    }

    /** What a finished command said. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** For assertion messages: the command, its exit code and everything it printed. */
        String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n" + stdout
                    + (stderr.isEmpty() ? "" : "\n" + stderr);
        }
    }

    /** Runs a command in {@code workDir}, keeping stdout and stderr apart; fails on timeout. */
    static Result run(Path workDir, Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("glsmon-tool", ".out");
            Path err = Files.createTempFile("glsmon-tool", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return fail(String.join(" ", command) + " did not finish within " + timeout + ":\n"
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

    static Result run(Path workDir, Duration timeout, Path binary, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(arguments));
        return run(workDir, timeout, command);
    }
}
