package dev.glsmon.processor.metrics;

import dev.glsmon.schemas.LocationCapacity;
import dev.glsmon.schemas.StreamGroupSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The stream groups' series, kube-state-metrics style: {@code glsmon_location_capacity{stream_group,
 * location,kind}} (always_on, on_demand, target_idle, maximum, requested, allocated, idle; NaN where
 * the API gave none), {@code glsmon_location_utilisation_ratio} (allocated / (always-on + on-demand)),
 * {@code glsmon_location_idle_headroom_ratio} (idle / (always-on + on-demand)), and one series per
 * status, 1 for the current one, for the group ({@code glsmon_stream_group_status{stream_group,status}})
 * and each location ({@code glsmon_location_status{stream_group,location,status}}).
 *
 * <p>A group's series exist only while a task of this instance holds the group: they are removed
 * when the task closes or moves, so an instance that lost the group never reports a stale capacity
 * (an idle capacity of 0 left behind would fire the capacity alert).
 */
final class StreamGroupGaugeSet {

    static final List<String> GROUP_STATUSES = List.of(
            "ACTIVATING", "UPDATING_LOCATIONS", "ACTIVE", "ACTIVE_WITH_ERRORS", "ERROR", "DELETING", "EXPIRED");
    static final List<String> LOCATION_STATUSES = List.of("ACTIVATING", "ACTIVE", "ERROR", "REMOVING");
    private static final String GROUP = "stream_group";
    private static final String LOCATION = "location";
    private static final String STATUS = "status";

    private record Held(String taskId, StreamGroupSnapshot snapshot) {}

    private final MeterRegistry registry;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Per group, its registered meters by a key of name and tags. */
    private final Map<String, Map<String, Meter>> meters = new ConcurrentHashMap<>();

    StreamGroupGaugeSet(MeterRegistry registry) {
        this.registry = registry;
    }

    ProcessorMetrics.StreamGroupGauges task(String taskId) {
        return new ProcessorMetrics.StreamGroupGauges() {
            @Override
            public void state(StreamGroupSnapshot snapshot) {
                update(taskId, snapshot);
            }

            @Override
            public void removed(String streamGroupId) {
                remove(streamGroupId);
            }

            @Override
            public void close() {
                held.forEach((group, h) -> {
                    if (h.taskId().equals(taskId)) {
                        remove(group);
                    }
                });
            }
        };
    }

    private synchronized void update(String taskId, StreamGroupSnapshot snapshot) {
        String group = snapshot.getStreamGroupId();
        held.put(group, new Held(taskId, snapshot));
        Map<String, Meter> mine = meters.computeIfAbsent(group, g -> new HashMap<>());
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> statuses = new LinkedHashSet<>(GROUP_STATUSES);
        statuses.add(snapshot.getStatus());
        for (String status : statuses) {
            wanted.add(gauge(mine, "glsmon.stream.group.status", Tags.of(GROUP, group, STATUS, status),
                    "1 for the stream group's current status, 0 for the others",
                    s -> status.equals(s.getStatus()) ? 1 : 0, group));
        }
        for (LocationCapacity location : snapshot.getLocations()) {
            String name = location.getLocation();
            Tags tags = Tags.of(GROUP, group, LOCATION, name);
            for (CapacityKind kind : CapacityKind.values()) {
                wanted.add(gauge(mine, "glsmon.location.capacity", tags.and("kind", kind.label()),
                        "A stream group location's capacity by kind, as GetStreamGroup reports it",
                        s -> value(kind.of(find(s, name))), group));
            }
            wanted.add(gauge(mine, "glsmon.location.utilisation.ratio", tags,
                    "Allocated capacity / (always-on + on-demand capacity)",
                    s -> ratio(find(s, name), LocationCapacity::getAllocatedCapacity), group));
            wanted.add(gauge(mine, "glsmon.location.idle.headroom.ratio", tags,
                    "Idle capacity / (always-on + on-demand capacity)",
                    s -> ratio(find(s, name), LocationCapacity::getIdleCapacity), group));
            Set<String> locationStatuses = new LinkedHashSet<>(LOCATION_STATUSES);
            if (location.getStatus() != null) {
                locationStatuses.add(location.getStatus());
            }
            for (String status : locationStatuses) {
                wanted.add(gauge(mine, "glsmon.location.status", tags.and(STATUS, status),
                        "1 for the location's current status, 0 for the others",
                        s -> find(s, name) != null && status.equals(find(s, name).getStatus()) ? 1 : 0, group));
            }
        }
        // a location no longer listed, or an unknown status left behind, takes its series with it
        mine.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue());
            return true;
        });
    }

    private synchronized void remove(String group) {
        held.remove(group);
        Map<String, Meter> mine = meters.remove(group);
        if (mine != null) {
            mine.values().forEach(registry::remove);
        }
    }

    private String gauge(Map<String, Meter> mine, String name, Tags tags, String description,
            ToDoubleFunction<StreamGroupSnapshot> value, String group) {
        String key = name + tags;
        mine.computeIfAbsent(key, k -> Gauge.builder(name, this, set -> {
                    Held h = set.held.get(group);
                    return h == null ? Double.NaN : value.applyAsDouble(h.snapshot());
                })
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry));
        return key;
    }

    private static LocationCapacity find(StreamGroupSnapshot snapshot, String location) {
        for (LocationCapacity l : snapshot.getLocations()) {
            if (l.getLocation().equals(location)) {
                return l;
            }
        }
        return null;
    }

    private static double value(Integer capacity) {
        return capacity == null ? Double.NaN : capacity;
    }

    /** Over always-on + on-demand; NaN without them (no capacity configured or not reported). */
    private static double ratio(LocationCapacity l, java.util.function.Function<LocationCapacity, Integer> part) {
        if (l == null || l.getAlwaysOnCapacity() == null || l.getOnDemandCapacity() == null || part.apply(l) == null) {
            return Double.NaN;
        }
        int total = l.getAlwaysOnCapacity() + l.getOnDemandCapacity();
        return total == 0 ? Double.NaN : part.apply(l) / (double) total;
    }

    /** The {@code kind} label of glsmon_location_capacity. */
    enum CapacityKind {
        ALWAYS_ON(LocationCapacity::getAlwaysOnCapacity),
        ON_DEMAND(LocationCapacity::getOnDemandCapacity),
        TARGET_IDLE(LocationCapacity::getTargetIdleCapacity),
        MAXIMUM(LocationCapacity::getMaximumCapacity),
        REQUESTED(LocationCapacity::getRequestedCapacity),
        ALLOCATED(LocationCapacity::getAllocatedCapacity),
        IDLE(LocationCapacity::getIdleCapacity);

        private final java.util.function.Function<LocationCapacity, Integer> read;

        CapacityKind(java.util.function.Function<LocationCapacity, Integer> read) {
            this.read = read;
        }

        Integer of(LocationCapacity location) {
            return location == null ? null : read.apply(location);
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
