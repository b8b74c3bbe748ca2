package dev.glsmon.processor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.glsmon.common.OpsHttpServer;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.schemas.LocationErrorRate;
import dev.glsmon.schemas.RecordJson;
import dev.glsmon.schemas.SessionState;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only JSON over the state stores (interactive queries):
 * <ul>
 *   <li>{@code GET /sessions/{ARN}}: one session; when another instance owns the ARN's partition, a
 *       307 to that instance (its address from Kafka Streams' application.server) with the address
 *       in the body too.
 *   <li>{@code GET /sessions/{sessionId}}: searched in this instance's stores (a session id alone does
 *       not say which partition holds it); 404 lists the other instances to ask.
 *   <li>{@code GET /sessions?status=&location=&limit=}: this instance's sessions, at most limit
 *       (default 100, at most 1000), and the other instances' addresses.
 *   <li>{@code GET /locations[?window=]}: every location's live error ratio and unknown share, with
 *       their counts (global store: the same answer on every instance).
 * </ul>
 */
public final class QueryApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;

    public QueryApi(Supplier<KafkaStreams> streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public HttpHandler sessions() {
        return exchange -> {
            if (!isRead(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/sessions") && !path.startsWith("/sessions/")) {
                respond(exchange, 404, Map.of("error", "no such resource: " + path));
                return;
            }
            String rest = path.length() > "/sessions/".length() ? path.substring("/sessions/".length()) : "";
            try {
                if (rest.isEmpty()) {
                    listSessions(exchange, query(exchange.getRequestURI()));
                } else if (rest.startsWith("arn:")) {
                    sessionByArn(exchange, rest);
                } else {
                    sessionById(exchange, rest);
                }
            } catch (InvalidStateStoreException e) {
                respond(exchange, 503, Map.of("error", "state stores are not queryable now (starting or rebalancing): "
                        + e.getMessage()));
            }
        };
    }

    public HttpHandler locations() {
        return exchange -> {
            if (!isRead(exchange)) {
                return;
            }
            String window = query(exchange.getRequestURI()).get("window");
            try {
                ReadOnlyKeyValueStore<String, LocationErrorRate> store = streams.get().store(
                        StoreQueryParameters.fromNameAndType(ProcessorTopology.LIVE_RATES_STORE,
                                QueryableStoreTypes.keyValueStore()));
                List<Map<String, Object>> rates = new ArrayList<>();
                try (KeyValueIterator<String, LocationErrorRate> all = store.all()) {
                    while (all.hasNext()) {
                        LocationErrorRate rate = all.next().value;
                        if (window == null || window.equals(rate.getWindow())) {
                            rates.add(RecordJson.toMap(rate));
                        }
                    }
                }
                respond(exchange, 200, Map.of("locations", rates));
            } catch (InvalidStateStoreException e) {
                respond(exchange, 503, Map.of("error", "the live-rates store is not queryable now: " + e.getMessage()));
            }
        };
    }

    private void sessionByArn(HttpExchange exchange, String arn) throws IOException {
        KeyQueryMetadata owner = streams.get().queryMetadataForKey(
                ProcessorTopology.SESSIONS_STORE, arn, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            respond(exchange, 503, Map.of("error", "no instance owns this session's partition now (rebalancing?)"));
            return;
        }
        HostInfo host = owner.activeHost();
        if (!host.equals(self)) {
            String location = "http://" + host.host() + ":" + host.port() + "/sessions/" + arn;
            exchange.getResponseHeaders().set("Location", location);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("arn", arn);
            body.put("owner", host.host() + ":" + host.port());
            body.put("url", location);
            respond(exchange, 307, body);
            return;
        }
        SessionState state = sessionsStore().get(arn);
        if (state == null) {
            respond(exchange, 404, Map.of("error", "no session " + arn + " (never seen, or deleted after its retention)"));
            return;
        }
        respond(exchange, 200, sessionJson(arn, state));
    }

    private void sessionById(HttpExchange exchange, String id) throws IOException {
        String suffix = "/" + id;
        try (KeyValueIterator<String, SessionState> all = sessionsStore().all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (entry.key.endsWith(suffix)) {
                    respond(exchange, 200, sessionJson(entry.key, entry.value));
                    return;
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "no session " + id + " on this instance; ask the others, or query by ARN");
        body.put("otherInstances", otherInstances());
        respond(exchange, 404, body);
    }

    private void listSessions(HttpExchange exchange, Map<String, String> query) throws IOException {
        String status = query.get("status");
        String location = query.get("location");
        int limit;
        try {
            limit = Math.min(MAX_LIMIT, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "" + DEFAULT_LIMIT))));
        } catch (NumberFormatException e) {
            respond(exchange, 400, Map.of("error", "limit must be a number"));
            return;
        }
        List<Map<String, Object>> sessions = new ArrayList<>();
        boolean truncated = false;
        try (KeyValueIterator<String, SessionState> all = sessionsStore().all()) {
            while (all.hasNext()) {
                var entry = all.next();
                SessionState state = entry.value;
                if ((status != null && !status.equals(state.getStatus()))
                        || (location != null && !location.equals(state.getLocation()))) {
                    continue;
                }
                if (sessions.size() == limit) {
                    truncated = true;
                    break;
                }
                sessions.add(sessionJson(entry.key, state));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance", self.host() + ":" + self.port());
        body.put("count", sessions.size());
        body.put("truncated", truncated);
        body.put("sessions", sessions);
        body.put("otherInstances", otherInstances());
        respond(exchange, 200, body);
    }

    private ReadOnlyKeyValueStore<String, SessionState> sessionsStore() {
        return streams.get().store(StoreQueryParameters.fromNameAndType(
                ProcessorTopology.SESSIONS_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private List<String> otherInstances() {
        List<String> others = new ArrayList<>();
        for (StreamsMetadata metadata : streams.get().metadataForAllStreamsClients()) {
            HostInfo host = metadata.hostInfo();
            if (!host.equals(self)) {
                others.add(host.host() + ":" + host.port());
            }
        }
        return others;
    }

    private static Map<String, Object> sessionJson(String arn, SessionState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("arn", arn);
        json.putAll(RecordJson.toMap(state));
        return json;
    }

    private static boolean isRead(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, Map.of("error", "read-only API: GET only"));
        return false;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!value.isEmpty()) {
                params.put(key, value);
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        String json;
        try {
            json = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write JSON", e);
        }
        OpsHttpServer.respond(exchange, status, JSON, json + "\n");
    }
}
