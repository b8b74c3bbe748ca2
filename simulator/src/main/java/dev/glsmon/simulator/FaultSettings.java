package dev.glsmon.simulator;

import java.util.EnumMap;
import java.util.Map;

/**
 * Every fault setting at one moment: a default for all operations, overrides per operation (an
 * override replaces the default for its operation entirely), and whether the service's rate limits
 * are enforced.
 */
public record FaultSettings(OperationFaults defaults, Map<ApiOperation, OperationFaults> operations, boolean enforceRateLimits) {

    /** No faults, no rate limits. */
    public static final FaultSettings NONE = new FaultSettings(OperationFaults.NONE, Map.of(), false);

    public FaultSettings {
        operations = operations.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(operations));
    }

    /** The faults in force for one operation. */
    public OperationFaults forOperation(ApiOperation operation) {
        return operations.getOrDefault(operation, defaults);
    }

    public FaultSettings withDefaults(OperationFaults newDefaults) {
        return new FaultSettings(newDefaults, operations, enforceRateLimits);
    }

    public FaultSettings withOperation(ApiOperation operation, OperationFaults faults) {
        Map<ApiOperation, OperationFaults> copy = new EnumMap<>(ApiOperation.class);
        copy.putAll(operations);
        copy.put(operation, faults);
        return new FaultSettings(defaults, copy, enforceRateLimits);
    }

    /** Reads the JSON form (see the module README); keys left out mean no fault. */
    public static FaultSettings parse(String json) {
        return FaultSettingsJson.parse(json);
    }

    /** The JSON form, as the admin endpoint {@code GET /_glsmon/faults} returns it. */
    public String toJson() {
        return FaultSettingsJson.toJson(this);
    }

    public FaultSettings withEnforceRateLimits(boolean enforce) {
        return new FaultSettings(defaults, operations, enforce);
    }
}
