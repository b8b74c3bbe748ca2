package dev.glsmon.poller.cycle;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One body run again and again on a daemon thread of its own, each run starting an interval after
 * the last one started ({@link CycleCadence}), never overlapping. A run that fails is logged and
 * never ends the repetition.
 */
public final class RepeatingTask implements AutoCloseable {

    /** One run; interrupted when the task closes. */
    public interface Body {
        void run() throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RepeatingTask.class);

    private final String name;
    private final Supplier<Duration> interval;
    private final Body body;
    private final Duration stopWait;
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile boolean closed;

    /** @param stopWait how long {@link #close()} lets a running body finish */
    public RepeatingTask(String name, Supplier<Duration> interval, Body body, Duration stopWait) {
        this.name = name;
        this.interval = interval;
        this.body = body;
        this.stopWait = stopWait;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        // a stop must not wait for the next run
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public void start() {
        schedule(Duration.ZERO);
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                long started = System.nanoTime();
                runOnce();
                schedule(CycleCadence.delayAfter(interval.get(), Duration.ofNanos(System.nanoTime() - started)));
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} shut down: no further run", name);
        }
    }

    private void runOnce() {
        try {
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: run failed (the next one runs as planned)", name, e);
        }
    }

    /** Lets a running body finish, up to the stop wait. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: the running task did not end within {}", name, stopWait);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
