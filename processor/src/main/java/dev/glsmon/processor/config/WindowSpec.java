package dev.glsmon.processor.config;

import dev.glsmon.common.config.Durations;
import java.time.Duration;

/**
 * One error-rate window definition: tumbling when advance equals size, hopping otherwise. Window
 * starts are aligned to the epoch in multiples of the advance, as Kafka Streams' TimeWindows are.
 */
public record WindowSpec(String name, Duration size, Duration advance) {

    public WindowSpec {
        if (name.isBlank() || name.contains("|")) {
            throw new IllegalArgumentException("window name '" + name + "' must be non-blank and hold no '|'");
        }
        if (size.toMillis() <= 0 || advance.toMillis() <= 0 || advance.compareTo(size) > 0) {
            throw new IllegalArgumentException("window " + name + ": size and advance must be positive, advance <= size");
        }
    }

    /** Parses {@code SIZE} or {@code SIZE:ADVANCE}; the SIZE text becomes the name. */
    public static WindowSpec parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not SIZE or SIZE:ADVANCE");
        }
        Duration size = Durations.parse(parts[0]);
        Duration advance = parts.length == 2 ? Durations.parse(parts[1]) : size;
        return new WindowSpec(parts[0].trim(), size, advance);
    }

    public long sizeMs() {
        return size.toMillis();
    }

    public long advanceMs() {
        return advance.toMillis();
    }

    public boolean tumbling() {
        return size.equals(advance);
    }

    /** Start of the earliest window that contains {@code time}: the one covering the most recent full span. */
    public long earliestStartContaining(long time) {
        long lowest = time - sizeMs() + 1; // a window [start, start + size) contains time iff start > time - size
        return Math.floorDiv(lowest + advanceMs() - 1, advanceMs()) * advanceMs();
    }

    /** Start of the latest window that contains {@code time}. */
    public long latestStartContaining(long time) {
        return Math.floorDiv(time, advanceMs()) * advanceMs();
    }
}
