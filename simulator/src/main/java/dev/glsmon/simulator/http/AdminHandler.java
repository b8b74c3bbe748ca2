package dev.glsmon.simulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.glsmon.simulator.Faults;
import dev.glsmon.simulator.FaultSettings;
import dev.glsmon.simulator.RequestLog;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The simulator's own endpoints under {@code /_glsmon/}, unsigned, for tests that run the simulator
 * in another JVM: read and replace the faults, read and reset request counts, read the state.
 */
final class AdminHandler implements HttpHandler {

    static final String PREFIX = "/_glsmon/";

    private final Faults faults;
    private final RequestLog requests;
    private final Engine engine;
    private final ObjectMapper json;

    AdminHandler(Faults faults, RequestLog requests, Engine engine, ObjectMapper json) {
        this.faults = faults;
        this.requests = requests;
        this.engine = engine;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String method = exchange.getRequestMethod();
        byte[] body = Exchanges.body(exchange);
        try {
            String answer = switch (path + " " + method) {
                case "healthz GET" -> "{\"status\":\"ok\"}";
                case "faults GET" -> faults.settings().toJson();
                case "faults PUT" -> {
                    faults.set(FaultSettings.parse(new String(body, StandardCharsets.UTF_8)));
                    yield faults.settings().toJson();
                }
                case "faults DELETE" -> {
                    faults.set(FaultSettings.NONE);
                    yield faults.settings().toJson();
                }
                case "requests GET" -> requestCounts();
                case "requests DELETE" -> {
                    requests.reset();
                    yield requestCounts();
                }
                case "state GET" -> state();
                default -> null;
            };
            if (answer == null) {
                Exchanges.send(exchange, 404, null, message("no admin endpoint " + method + " " + PREFIX + path));
            } else {
                Exchanges.send(exchange, 200, null, answer.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            Exchanges.send(exchange, 400, null, message(e.getMessage()));
        }
    }

    private String requestCounts() throws IOException {
        ObjectNode out = json.createObjectNode();
        out.put("total", requests.total());
        ObjectNode ops = out.putObject("operations");
        requests.counts().forEach((op, count) -> ops.put(op.wireName(), count));
        return json.writeValueAsString(out);
    }

    private String state() throws IOException {
        ObjectNode out = json.createObjectNode();
        out.put("virtualTime", engine.sync().toString());
        out.put("origin", engine.origin().toString());
        ObjectNode sessions = out.putObject("sessions");
        Map<SessionStatus, Integer> counts = engine.countByStatus();
        counts.forEach((status, count) -> sessions.put(status.name(), count));
        var groups = out.putArray("streamGroups");
        engine.streamGroups().forEach(g -> groups.add(g.id()));
        return json.writeValueAsString(out);
    }

    private byte[] message(String text) throws IOException {
        return json.writeValueAsBytes(json.createObjectNode().put("message", text));
    }
}
