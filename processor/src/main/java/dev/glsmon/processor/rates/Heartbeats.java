package dev.glsmon.processor.rates;

import dev.glsmon.schemas.ErrorRateEvent;

/**
 * A session task's heartbeat for the error-rate windows, one per poll-cycle marker it reads and sent
 * to every partition (ticks carry no category): it says how far the task has come in record time.
 * Only when it says more than the last one: a tick no later than its source's latest moves no
 * watermark and no live window; every group's marker reaches every task, and each tick goes to every
 * partition (6 groups and 6 partitions: 36 repartition records per task and cycle, not 6).
 */
public final class Heartbeats {

    private final int partition;
    /** Record time of the last tick sent. */
    private long last = Long.MIN_VALUE;

    /** @param partition the task's partition, which the ticks name as their source */
    public Heartbeats(int partition) {
        this.partition = partition;
    }

    /** The tick to send for a marker read at this record time, or null when it would say nothing new. */
    public ErrorRateEvent tick(long recordTime) {
        if (recordTime <= last) {
            return null;
        }
        last = recordTime;
        return new ErrorRateEvent(null, partition);
    }
}
