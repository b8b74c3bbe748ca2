package dev.glsmon.poller.cycle;

import java.time.Duration;
import java.util.Objects;

/** {@code --poll-interval 10s}: the operator's interval, whatever the cycles do. */
public record FixedPollInterval(Duration interval) implements PollInterval {

    public FixedPollInterval {
        Objects.requireNonNull(interval, "interval");
    }

    @Override
    public Duration current() {
        return interval;
    }

    @Override
    public void cycleEnded(CycleReport report) {
        // fixed: nothing to learn
    }
}
