package dev.glsmon.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of {@link FaultSettings}, shared by the admin endpoint and {@code --faults-file}:
 *
 * <pre>{@code
 * {"enforceRateLimits": false,
 *  "default": {"throttleProbability": 0.1},
 *  "operations": {"ListStreamSessions": {"failPage": 3, "malformedProbability": 0.2,
 *                                         "malformations": ["TRUNCATED_JSON"]}}}
 * }</pre>
 *
 * Keys left out are zero (no fault); unknown keys are errors.
 */
final class FaultSettingsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("enforceRateLimits", "default", "operations");
    private static final Set<String> OPERATION = Set.of("throttleProbability", "serverErrorProbability",
            "latencyMillis", "failPage", "malformedProbability", "malformations");

    private FaultSettingsJson() {}

    static FaultSettings parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fault settings are not well-formed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("fault settings must be a JSON object");
        }
        checkKeys(root, TOP, "fault settings");
        OperationFaults defaults = root.has("default") ? operation(root.get("default"), "default") : OperationFaults.NONE;
        Map<ApiOperation, OperationFaults> ops = new EnumMap<>(ApiOperation.class);
        JsonNode operations = root.path("operations");
        if (!operations.isMissingNode()) {
            if (!operations.isObject()) {
                throw new IllegalArgumentException("operations must be an object keyed by operation name");
            }
            operations.properties().forEach(e ->
                    ops.put(ApiOperation.fromName(e.getKey()), operation(e.getValue(), e.getKey())));
        }
        return new FaultSettings(defaults, ops, root.path("enforceRateLimits").asBoolean(false));
    }

    static String toJson(FaultSettings settings) {
        ObjectNode root = JSON.createObjectNode();
        root.put("enforceRateLimits", settings.enforceRateLimits());
        root.set("default", node(settings.defaults()));
        ObjectNode ops = root.putObject("operations");
        new EnumMap<>(settings.operations()).forEach((op, faults) -> ops.set(op.wireName(), node(faults)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperationFaults operation(JsonNode node, String where) {
        checkKeys(node, OPERATION, where);
        Set<Malformation> kinds = EnumSet.noneOf(Malformation.class);
        node.path("malformations").forEach(k -> kinds.add(Malformation.valueOf(k.asText().toUpperCase(Locale.ROOT))));
        return new OperationFaults(
                node.path("throttleProbability").asDouble(0),
                node.path("serverErrorProbability").asDouble(0),
                node.path("latencyMillis").asLong(0),
                node.path("failPage").asInt(0),
                node.path("malformedProbability").asDouble(0),
                kinds);
    }

    private static ObjectNode node(OperationFaults f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("throttleProbability", f.throttleProbability());
        n.put("serverErrorProbability", f.serverErrorProbability());
        n.put("latencyMillis", f.latencyMillis());
        n.put("failPage", f.failPage());
        n.put("malformedProbability", f.malformedProbability());
        var kinds = n.putArray("malformations");
        EnumSet<Malformation> sorted = EnumSet.noneOf(Malformation.class);
        sorted.addAll(f.malformations());
        sorted.forEach(k -> kinds.add(k.name()));
        return n;
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'");
            }
        });
    }
}
