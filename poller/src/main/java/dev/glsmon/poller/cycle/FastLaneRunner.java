package dev.glsmon.poller.cycle;

import java.time.Duration;
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
    private final RepeatingTask task;
    private boolean wasOn;

    /** @param ready whether the poller knows its stream groups yet */
    public FastLaneRunner(FastLane lane, BooleanSupplier ready) {
        this.lane = lane;
        this.fastSwitch = new FastLaneSwitch(lane.settings().mode(), lane.settings().autoThreshold());
        this.ready = ready;
        this.task = new RepeatingTask("glsmon-fast-lane", () -> lane.settings().interval(), this::tick, STOP_WAIT);
    }

    public FastLane lane() {
        return lane;
    }

    public void start() {
        task.start();
    }

    public void sweepStarted() {
        fastSwitch.sweepStarted(System.nanoTime());
    }

    public void sweepEnded(Duration took) {
        fastSwitch.sweepEnded(took);
    }

    private void tick() throws InterruptedException {
        boolean on = ready.getAsBoolean() && fastSwitch.on(System.nanoTime());
        if (on != wasOn) {
            LOG.info("fast lane {} ({})", on ? "on" : "off", lane.settings());
            wasOn = on;
        }
        lane.switched(on);
        if (on) {
            lane.sweepOnce();
        }
    }

    /** Lets a running sweep finish (the poller's stop request ends it after its current page). */
    @Override
    public void close() {
        task.close();
    }
}
