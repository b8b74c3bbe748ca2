package dev.glsmon.simulator.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.glsmon.simulator.LocationStatus;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the scenario format. Lifecycle settings layer: built-in defaults, then the scenario's
 * {@code lifecycle}, then {@code locations.<name>}, then the stream group's {@code lifecycle}; each
 * layer overrides single keys (weights maps merge key by key). Unknown keys are errors, so a typo
 * never silently falls back to a default.
 */
final class ScenarioParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    /** The built-in lifecycle: a game streaming service in a healthy state. */
    private static final String DEFAULT_LIFECYCLE = """
            {
              "activationMean": "PT8S",
              "activationErrorProbability": 0.02,
              "activationErrorWeights": {"internalError": 2, "invalidSignalRequest": 1, "applicationLogS3DestinationError": 0.5},
              "placementTimeout": "PT45S",
              "connectProbability": 0.93,
              "connectMean": "PT12S",
              "connectedMean": "PT20M",
              "connectedOutcomeWeights": {"apiTerminated": 70, "applicationExit": 8, "idleTimeout": 7, "disconnect": 15},
              "reconnectProbability": 0.75,
              "reconnectMean": "PT15S",
              "reconnectingMean": "PT3S",
              "terminatingMean": "PT4S",
              "connectionTimeoutSeconds": 120,
              "sessionLengthSeconds": 43200,
              "dwellSigma": 0.5,
              "exportUploadMean": "PT20S",
              "exportFailureProbability": 0.1
            }
            """;

    private static final Set<String> TOP_KEYS =
            Set.of("name", "warmUp", "retention", "lifecycle", "locations", "streamGroups", "incidents");
    private static final Set<String> LIFECYCLE_KEYS;
    private static final Set<String> GROUP_KEYS =
            Set.of("id", "description", "streamClass", "applicationId", "lifecycle", "locations");
    private static final Set<String> GROUP_LOCATION_KEYS = Set.of(
            "name", "capacity", "alwaysOnCapacity", "targetIdleCapacity", "arrivalsPerMinute");
    private static final Set<String> INCIDENT_KEYS = Set.of(
            "name", "location", "streamGroup", "start", "duration", "repeatEvery", "reasonMultipliers",
            "disconnectMultiplier", "capacityFactor", "arrivalMultiplier", "locationStatus", "statusReason");

    static {
        try {
            LIFECYCLE_KEYS = Set.copyOf(iterable(JSON.readTree(DEFAULT_LIFECYCLE).fieldNames()));
        } catch (JsonProcessingException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ScenarioParser() {}

    static Scenario parseJson(String text) {
        return parseTree(read(JSON, text));
    }

    static Scenario parseYaml(String text) {
        return parseTree(read(YAML, text));
    }

    private static JsonNode read(ObjectMapper mapper, String text) {
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("a scenario must be an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scenario is not well-formed: " + e.getOriginalMessage(), e);
        }
    }

    static Scenario parseTree(JsonNode root) {
        checkKeys(root, TOP_KEYS, "scenario");
        ObjectNode base = (ObjectNode) readTreeUnchecked(DEFAULT_LIFECYCLE);
        JsonNode scenarioLifecycle = root.path("lifecycle");
        ObjectNode defaults = merge(base, scenarioLifecycle, "lifecycle");

        Map<String, ObjectNode> locationNodes = new TreeMap<>();
        Map<String, LifecycleParams> locationLifecycles = new TreeMap<>();
        JsonNode locations = root.path("locations");
        if (!locations.isMissingNode()) {
            requireObject(locations, "locations");
            for (Map.Entry<String, JsonNode> e : locations.properties()) {
                ObjectNode merged = merge(defaults, e.getValue(), "locations." + e.getKey());
                locationNodes.put(e.getKey(), merged);
                locationLifecycles.put(e.getKey(), lifecycle(merged, "locations." + e.getKey()));
            }
        }

        List<StreamGroupSpec> groups = new ArrayList<>();
        int index = 0;
        for (JsonNode group : array(root.path("streamGroups"), "streamGroups")) {
            groups.add(streamGroup(group, "streamGroups[" + index++ + "]", defaults, locationNodes));
        }
        List<IncidentSpec> incidents = new ArrayList<>();
        index = 0;
        for (JsonNode incident : array(root.path("incidents"), "incidents")) {
            incidents.add(incident(incident, "incidents[" + index++ + "]"));
        }
        return new Scenario(
                root.path("name").asText("unnamed"),
                duration(root, "warmUp", Duration.ZERO, "scenario"),
                duration(root, "retention", Duration.ofMinutes(15), "scenario"),
                lifecycle(defaults, "lifecycle"),
                locationLifecycles,
                groups,
                incidents);
    }

    private static StreamGroupSpec streamGroup(
            JsonNode node, String where, ObjectNode defaults, Map<String, ObjectNode> locationNodes) {
        checkKeys(node, GROUP_KEYS, where);
        List<GroupLocationSpec> locations = new ArrayList<>();
        int index = 0;
        for (JsonNode loc : array(node.path("locations"), where + ".locations")) {
            String at = where + ".locations[" + index++ + "]";
            checkKeys(loc, GROUP_LOCATION_KEYS, at);
            String name = text(loc, "name", null, at);
            if (name == null) {
                throw new IllegalArgumentException(at + ": name is required");
            }
            ObjectNode layered = merge(locationNodes.getOrDefault(name, defaults), node.path("lifecycle"), where + ".lifecycle");
            locations.add(wrap(at, () -> new GroupLocationSpec(
                    name,
                    loc.path("capacity").asInt(100),
                    loc.path("alwaysOnCapacity").asInt(0),
                    loc.path("targetIdleCapacity").asInt(0),
                    number(loc, "arrivalsPerMinute", 0, at),
                    lifecycle(layered, where + ".lifecycle"))));
        }
        return wrap(where, () -> new StreamGroupSpec(
                text(node, "id", null, where),
                text(node, "description", "simulated stream group", where),
                text(node, "streamClass", "gen5n_win2022", where),
                text(node, "applicationId", null, where),
                locations));
    }

    private static IncidentSpec incident(JsonNode node, String where) {
        checkKeys(node, INCIDENT_KEYS, where);
        Map<StatusReason, Double> multipliers = new LinkedHashMap<>();
        JsonNode m = node.path("reasonMultipliers");
        if (!m.isMissingNode()) {
            requireObject(m, where + ".reasonMultipliers");
            m.properties().forEach(e -> multipliers.put(reason(e.getKey(), where), e.getValue().asDouble()));
        }
        if (!node.has("start") || !node.has("duration")) {
            throw new IllegalArgumentException(where + ": start and duration are required");
        }
        return wrap(where, () -> new IncidentSpec(
                text(node, "name", where, where),
                text(node, "location", null, where),
                text(node, "streamGroup", null, where),
                duration(node, "start", Duration.ZERO, where),
                duration(node, "duration", Duration.ZERO, where),
                duration(node, "repeatEvery", null, where),
                multipliers,
                number(node, "disconnectMultiplier", 1, where),
                number(node, "capacityFactor", 1, where),
                number(node, "arrivalMultiplier", 1, where),
                locationStatus(text(node, "locationStatus", null, where), where),
                text(node, "statusReason", null, where)));
    }

    private static LocationStatus locationStatus(String value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return LocationStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": locationStatus must be one of "
                    + Arrays.toString(LocationStatus.values()) + ", got " + value);
        }
    }

    private static LifecycleParams lifecycle(ObjectNode n, String where) {
        checkKeys(n, LIFECYCLE_KEYS, where);
        Map<StatusReason, Double> activationErrors = new TreeMap<>();
        n.path("activationErrorWeights").properties().forEach(
                e -> activationErrors.put(reason(e.getKey(), where), e.getValue().asDouble()));
        Map<StatusReason, Double> endings = new TreeMap<>();
        double[] disconnect = {0};
        n.path("connectedOutcomeWeights").properties().forEach(e -> {
            if (e.getKey().equals("disconnect")) {
                disconnect[0] = e.getValue().asDouble();
            } else {
                endings.put(reason(e.getKey(), where), e.getValue().asDouble());
            }
        });
        return wrap(where, () -> new LifecycleParams(
                duration(n, "activationMean", null, where),
                n.path("activationErrorProbability").asDouble(),
                activationErrors,
                duration(n, "placementTimeout", null, where),
                n.path("connectProbability").asDouble(),
                duration(n, "connectMean", null, where),
                duration(n, "connectedMean", null, where),
                endings,
                disconnect[0],
                n.path("reconnectProbability").asDouble(),
                duration(n, "reconnectMean", null, where),
                duration(n, "reconnectingMean", null, where),
                duration(n, "terminatingMean", null, where),
                n.path("connectionTimeoutSeconds").asInt(),
                n.path("sessionLengthSeconds").asInt(),
                n.path("dwellSigma").asDouble(),
                duration(n, "exportUploadMean", null, where),
                n.path("exportFailureProbability").asDouble()));
    }

    /** A deep copy of {@code base} with the fields of {@code overlay} laid over it. */
    private static ObjectNode merge(ObjectNode base, JsonNode overlay, String where) {
        ObjectNode result = base.deepCopy();
        if (overlay.isMissingNode() || overlay.isNull()) {
            return result;
        }
        requireObject(overlay, where);
        checkKeys(overlay, LIFECYCLE_KEYS, where);
        overlay.properties().forEach(e -> {
            JsonNode existing = result.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                ((ObjectNode) existing).setAll((ObjectNode) e.getValue());
            } else {
                result.set(e.getKey(), e.getValue());
            }
        });
        return result;
    }

    private static StatusReason reason(String name, String where) {
        try {
            return StatusReason.fromWire(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Duration duration(JsonNode node, String key, Duration fallback, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (fallback == null && LIFECYCLE_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + "." + key + " is required");
            }
            return fallback;
        }
        try {
            return value.isNumber() ? Duration.ofMillis(Math.round(value.asDouble() * 1000)) : Durations.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + key + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String key, String fallback, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + "." + key + " must be a string");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String key, double fallback, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + "." + key + " must be a number");
        }
        return value.asDouble();
    }

    private static Iterable<JsonNode> array(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be a list");
        }
        return node;
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        requireObject(node, where);
        for (String key : iterable(node.fieldNames())) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static <T> T wrap(String where, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readTreeUnchecked(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
