package dev.glsmon.poller.streamgroup;

import dev.glsmon.poller.cycle.RepeatingTask;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Runs the {@link StreamGroupWatch} on its own thread, one round every stream-group interval. */
public final class StreamGroupWatchRunner implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final StreamGroupWatch watch;
    private final BooleanSupplier ready;
    private final RepeatingTask task;

    /** @param ready whether the poller knows its stream groups yet */
    public StreamGroupWatchRunner(StreamGroupWatch watch, Duration interval, BooleanSupplier ready) {
        this.watch = watch;
        this.ready = ready;
        this.task = new RepeatingTask("glsmon-stream-group-watch", () -> interval, this::round, STOP_WAIT);
    }

    public StreamGroupWatch watch() {
        return watch;
    }

    public void start() {
        task.start();
    }

    private void round() throws InterruptedException {
        if (ready.getAsBoolean()) {
            watch.pollOnce();
        }
    }

    @Override
    public void close() {
        task.close();
    }
}
