package dev.glsmon.deployfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP API of a running Prometheus (one this JVM started, or one in a container). */
public final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PrometheusApi(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** POST /api/v1/query: the whole JSON answer; a query that does not parse answers status "error". */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(baseUri.resolve("/api/v1/query"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** GET of an API path: the JSON answer. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The values Grafana offers for a {@code label_values(metric, label)} variable. */
    public List<String> variableValues(String variableQuery) throws IOException, InterruptedException {
        Matcher labelValues = LABEL_VALUES.matcher(variableQuery);
        if (!labelValues.matches()) {
            throw new IllegalArgumentException("not a label_values(metric, label) query: " + variableQuery);
        }
        JsonNode answer = get("/api/v1/label/" + labelValues.group(2) + "/values?match[]="
                + URLEncoder.encode(labelValues.group(1), StandardCharsets.UTF_8));
        List<String> values = new ArrayList<>();
        answer.path("data").forEach(value -> values.add(value.asText()));
        return values;
    }

    public URI baseUri() {
        return baseUri;
    }

    /**
     * The queries that answer no series, asked until all have data or {@code patience} has passed
     * (some series need another scrape or rule evaluation); a query that does not parse fails.
     */
    public List<ShippedFiles.PanelQuery> withoutData(List<ShippedFiles.PanelQuery> queries, Duration patience)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        List<ShippedFiles.PanelQuery> empty = new ArrayList<>();
        while (true) {
            empty.clear();
            for (ShippedFiles.PanelQuery query : queries) {
                JsonNode answer = query(query.expr());
                if (!answer.path("status").asText().equals("success")) {
                    throw new AssertionError(query + ": " + answer);
                }
                if (answer.path("data").path("result").isEmpty()) {
                    empty.add(query);
                }
            }
            if (empty.isEmpty() || Instant.now().isAfter(deadline)) {
                return List.copyOf(empty);
            }
            Thread.sleep(5000);
        }
    }

    /** Every alerting rule loaded, as "group/alert: state" (inactive, pending or firing). */
    public List<String> alertRuleStates() throws IOException, InterruptedException {
        List<String> states = new ArrayList<>();
        for (JsonNode group : get("/api/v1/rules?type=alert").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                states.add(group.path("name").asText() + "/" + rule.path("name").asText() + ": "
                        + rule.path("state").asText());
            }
        }
        return states;
    }
}
