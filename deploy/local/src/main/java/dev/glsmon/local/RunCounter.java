package dev.glsmon.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts the runs of the local stack on one data directory (1 for the first). */
final class RunCounter {

    static final String FILE = "runs";

    private RunCounter() {}

    static int next(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            int previous = Files.exists(file) ? Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
            int run = previous + 1;
            Files.writeString(file, Integer.toString(run), StandardCharsets.UTF_8);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count runs in " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a run number; delete it to start counting again", e);
        }
    }
}
