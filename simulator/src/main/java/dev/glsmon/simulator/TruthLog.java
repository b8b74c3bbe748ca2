package dev.glsmon.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * The ground truth: every status change, export change and removal, in order. Kept in memory up to a
 * capacity (the oldest are dropped beyond it, counted by {@link #dropped()}) and, when a file is
 * configured, appended to it as JSON lines. Reading it first brings the simulation up to the
 * clock's current time, so a test that advanced a {@link ManualClock} sees the consequences.
 */
public final class TruthLog {

    private static final JsonFactory JSON = new JsonFactory();

    private final int capacity;
    private final Writer file;
    private final ArrayDeque<TruthEvent> events = new ArrayDeque<>();
    private long total;
    private volatile Runnable beforeRead = () -> {};

    TruthLog(int capacity, Path file) {
        if (capacity < 0) {
            throw new IllegalArgumentException("truth capacity must be >= 0");
        }
        this.capacity = capacity;
        this.file = file == null ? null : open(file);
    }

    /** Every event still held, oldest first. */
    public List<TruthEvent> events() {
        beforeRead.run();
        synchronized (this) {
            return List.copyOf(events);
        }
    }

    /** The status changes still held ({@link TruthEvent.Kind#STATUS}), oldest first. */
    public List<TruthEvent> statusChanges() {
        return events().stream().filter(e -> e.kind() == TruthEvent.Kind.STATUS).toList();
    }

    /** Every event still held for one session ARN, oldest first. */
    public List<TruthEvent> forSession(String sessionArn) {
        return events().stream().filter(e -> sessionArn.equals(e.sessionArn())).toList();
    }

    /** How many events were recorded since the start, including dropped ones. */
    public long total() {
        beforeRead.run();
        synchronized (this) {
            return total;
        }
    }

    /** How many of the oldest events were dropped from memory because of the capacity. */
    public synchronized long dropped() {
        return total - events.size();
    }

    void beforeRead(Runnable sync) {
        this.beforeRead = sync;
    }

    synchronized void append(TruthEvent event) {
        total++;
        if (capacity > 0) {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        if (file != null) {
            try {
                file.write(toJson(event));
                file.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the truth log", e);
            }
        }
    }

    synchronized void flush() {
        if (file != null) {
            try {
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot flush the truth log", e);
            }
        }
    }

    /** Ends the record: later reads no longer advance the simulation, so nothing is appended to a closed file. */
    synchronized void close() {
        beforeRead = () -> {};
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the truth log", e);
            }
        }
    }

    /** One JSON line: the JSONL file format. */
    static String toJson(TruthEvent e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
            g.writeStringField("time", e.time().toString());
            g.writeStringField("sessionArn", e.sessionArn());
            g.writeStringField("streamGroupId", e.streamGroupId());
            g.writeStringField("location", e.location());
            g.writeStringField("from", e.from());
            g.writeStringField("to", e.to());
            g.writeStringField("reason", e.reason());
            if (e.outputUri() != null) {
                g.writeStringField("outputUri", e.outputUri());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static Writer open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the truth log " + file, e);
        }
    }
}
