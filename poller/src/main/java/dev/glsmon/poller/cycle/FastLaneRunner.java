package dev.glsmon.poller.cycle;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fast lane on its own thread, one sweep every fast interval (rescheduled from each start,
 * never overlapping), while its {@link FastLaneSwitch} says so; the full sweep's scheduler tells it
 * when sweeps start and end. The two run side by side: the fast lane calls
 * ListStreamSessionsByAccount, the group-mode sweep ListStreamSessions, each within its own budget.
 */
public final class FastLaneRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FastLaneRunner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final FastLane lane;
    private final FastLaneSwitch fastSwitch;
    private final BooleanSupplier ready;
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile boolean closed;
    private boolean wasOn;

    /** @param ready whether the poller knows its stream groups yet */
    public FastLaneRunner(FastLane lane, BooleanSupplier ready) {
        this.lane = lane;
        this.fastSwitch = new FastLaneSwitch(lane.settings().mode(), lane.settings().autoThreshold());
        this.ready = ready;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "glsmon-fast-lane");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public FastLane lane() {
        return lane;
    }

    public void start() {
        schedule(Duration.ZERO);
    }

    public void sweepStarted() {
        fastSwitch.sweepStarted(System.nanoTime());
    }

    public void sweepEnded(Duration took) {
        fastSwitch.sweepEnded(took);
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                long started = System.nanoTime();
                tick();
                schedule(CycleCadence.delayAfter(lane.settings().interval(), Duration.ofNanos(System.nanoTime() - started)));
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("fast lane scheduler shut down: no further sweep");
        }
    }

    private void tick() {
        boolean on = ready.getAsBoolean() && fastSwitch.on(System.nanoTime());
        if (on != wasOn) {
            LOG.info("fast lane {} ({})", on ? "on" : "off", lane.settings());
            wasOn = on;
        }
        lane.switched(on);
        if (!on) {
            return;
        }
        try {
            lane.sweepOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // never let one sweep end the schedule
            LOG.error("fast sweep failed", e);
        }
    }

    /** Lets a running sweep finish (the poller's stop request ends it after its current page). */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the running fast sweep did not end within {}", STOP_WAIT);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
