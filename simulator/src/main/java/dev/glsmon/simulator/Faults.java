package dev.glsmon.simulator;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The live fault settings of a running simulator: changes apply to the next request. The admin
 * endpoint {@code /_glsmon/faults} reads and replaces the same settings over HTTP.
 */
public final class Faults {

    private final AtomicReference<FaultSettings> current;

    Faults(FaultSettings initial) {
        this.current = new AtomicReference<>(initial);
    }

    public FaultSettings settings() {
        return current.get();
    }

    /** Replaces every setting. */
    public void set(FaultSettings settings) {
        current.set(settings);
    }

    /** Faults for every operation that has no override of its own. */
    public void setDefault(OperationFaults faults) {
        current.updateAndGet(s -> s.withDefaults(faults));
    }

    /** Faults for one operation, replacing the default for it. */
    public void set(ApiOperation operation, OperationFaults faults) {
        current.updateAndGet(s -> s.withOperation(operation, faults));
    }

    /** Turns the service's rate limits (token buckets per operation) on or off. */
    public void enforceRateLimits(boolean enforce) {
        current.updateAndGet(s -> s.withEnforceRateLimits(enforce));
    }

    /** Removes every fault; leaves rate-limit enforcement as it is. */
    public void clear() {
        current.updateAndGet(s -> FaultSettings.NONE.withEnforceRateLimits(s.enforceRateLimits()));
    }
}
