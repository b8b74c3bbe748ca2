package dev.glsmon.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.FaultSettings;
import dev.glsmon.simulator.Malformation;
import dev.glsmon.simulator.OperationFaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Applies the configured faults to a request: latency, throttling, server errors, a failing listing
 * page and damaged bodies. Draws come from a seeded source separate from the simulation's, so
 * faults never change the ground truth.
 */
final class FaultInjector {

    private static final List<String> REMOVABLE = List.of("Status", "LastUpdatedAt", "Arn");

    private final Supplier<FaultSettings> settings;
    private final SplittableRandom random;
    private final ObjectMapper json;

    FaultInjector(Supplier<FaultSettings> settings, long seed, ObjectMapper json) {
        this.settings = settings;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.json = json;
    }

    /** Latency, then a throttle or a server error, each with its probability. */
    void beforeOperation(ApiOperation operation) {
        OperationFaults faults = settings.get().forOperation(operation);
        if (faults.latencyMillis() > 0) {
            sleep(faults.latencyMillis()); // a fake server's delay: blocking this request's thread is the point
        }
        if (draw(faults.throttleProbability())) {
            throw ApiError.throttling("Rate exceeded (injected fault).");
        }
        if (draw(faults.serverErrorProbability())) {
            throw ApiError.internal("An internal error occurred (injected fault).");
        }
    }

    /** A listing page configured to fail answers 500 every time it is asked for. */
    void checkPage(ApiOperation operation, int page) {
        int failPage = settings.get().forOperation(operation).failPage();
        if (failPage > 0 && page == failPage) {
            throw ApiError.internal("An internal error occurred while reading page " + page + " (injected fault).");
        }
    }

    /** The body as bytes, damaged with the configured probability. */
    byte[] render(ApiOperation operation, ObjectNode body) {
        OperationFaults faults = settings.get().forOperation(operation);
        Malformation kind = null;
        if (draw(faults.malformedProbability())) {
            List<Malformation> choices = new ArrayList<>(faults.malformationChoices());
            kind = choices.get(nextInt(choices.size()));
        }
        try {
            if (kind == Malformation.EXTRA_FIELDS) {
                addUnknownFields(body);
            } else if (kind == Malformation.MISSING_FIELDS) {
                removeFields(body);
            }
            byte[] bytes = json.writeValueAsBytes(body);
            return kind == Malformation.TRUNCATED_JSON ? Arrays.copyOf(bytes, Math.max(1, bytes.length / 2)) : bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }

    private static void addUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(FaultInjector::addUnknownFields);
            object.put("GlsmonUnknownField", "added by fault injection");
            object.putObject("GlsmonUnknownStructure").put("Nested", 1).putArray("List").add("x");
        } else if (node instanceof ArrayNode array) {
            array.forEach(FaultInjector::addUnknownFields);
        }
    }

    private static void removeFields(ObjectNode body) {
        JsonNode items = body.get("Items");
        if (items instanceof ArrayNode array) {
            array.forEach(item -> ((ObjectNode) item).remove(REMOVABLE));
        } else {
            body.remove(REMOVABLE);
        }
    }

    private synchronized boolean draw(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    private synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Injected latency holds the request, as a slow service would: that is the fault being simulated. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
