package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glsmon.common.config.Durations;
import dev.glsmon.deployfiles.PrometheusServer;
import dev.glsmon.deployfiles.ShippedFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus configuration, rules and dashboards against the running local stack: a
 * real {@code prometheus} scrapes the poller and the processor while the simulator plays a copy of
 * the demo scenario whose us-west-2 applicationExit spike starts early (and is four times as strong,
 * so that the alert fires soon after the spike starts). Before the spike no glsmon alert is pending or
 * firing on the scenario's normal traffic; during it ApplicationCrashSpike for us-west-2 fires.
 * Every dashboard query has data, with All selected and with one stream group selected.
 *
 * <p>Numbers: at time x1.5 us-west-2 ends about 2-3% of its sessions with applicationExit outside
 * the incident, 1 to 2 per 5 wall minutes, below the alert's minimum of 5. The 5m window also holds
 * the terminations the processor counts at start (sessions that ended before it ran, about 50 in
 * us-west-2, nearly all NORMAL), which dilute the share of crashes; the incident (applicationExit
 * x40) makes about half of the location's endings crashes, so the window passes both 5 crashes and
 * the 10% share within about a minute and the alert fires after its 2m {@code for:}, while the
 * incident lasts 10 wall minutes (15 virtual). Prometheus is younger than the hour the alert
 * compares with, so the alert uses, as shipped, its fixed share of crashes (10%) instead of the
 * location's own.
 */
class LocalStackPrometheusIT {

    private static final double TIME_SCALE = 1.5;
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final String SCENARIO = "/glsmon/prometheus-e2e-scenario.json";
    private static final String LOCATION = "us-west-2";
    private static final String ALERT = "ApplicationCrashSpike";
    /** Bound on the wait for the alert after the incident starts: a failure bound, not a figure. */
    private static final Duration FIRE_DEADLINE = Duration.ofMinutes(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shippedRulesAndDashboardsSeeTheStackAndTheCrashSpikeFires(@TempDir Path dataDir, @TempDir Path prometheusDir)
            throws Exception {
        Path scenario = Path.of(LocalStackPrometheusIT.class.getResource(SCENARIO).toURI());
        JsonNode incident = crashIncident(scenario);
        Duration incidentStart = Duration.parse(incident.path("start").asText());
        Duration incidentLength = Duration.parse(incident.path("duration").asText());
        LocalStackOptions options = LocalStackMain.options(Map.of(), "--data-dir", dataDir.toString(),
                "--time-scale", Double.toString(TIME_SCALE), "--scenario", scenario.toString(), "--poll-interval", Durations.format(POLL),
                "--kafka-port", "0", "--simulator-http-port", "0", "--poller-http-port", "0", "--processor-http-port", "0");

        try (LocalStack stack = LocalStack.start(options);
                PrometheusServer prometheus = PrometheusServer.start(prometheusDir, port -> ShippedPrometheusConfig.forStack(stack, port))) {
            Instant origin = SimulatorTime.scenarioOrigin(stack.simulator().clock(), TIME_SCALE);
            Instant incidentWall = origin.plus(wall(incidentStart));
            Instant incidentEndWall = incidentWall.plus(wall(incidentLength));
            System.out.printf("scenario origin %s, us-west-2 crash incident from %s to %s (wall), prometheus %s%n",
                    origin, incidentWall, incidentEndWall, prometheus.baseUri());

            // Before the incident: Prometheus sees the stack, and no glsmon alert is even pending.
            Instant firstData = null;
            Map<String, String> alertsBefore = new TreeMap<>();
            while (Instant.now().isBefore(incidentWall.minusSeconds(2))) {
                if (firstData == null && hasData(prometheus, "sum(glsmon_sessions) > 0")
                        && hasData(prometheus, "glsmon_poller_last_complete_cycle_timestamp_seconds")) {
                    firstData = Instant.now();
                }
                // every alert the loaded rules define is a glsmon alert
                for (JsonNode alert : prometheus.query("ALERTS").path("data").path("result")) {
                    JsonNode labels = ((ObjectNode) alert.path("metric").deepCopy()).without("alertstate");
                    alertsBefore.putIfAbsent(labels.toString(),
                            alert.path("metric").path("alertstate").asText() + " at " + Instant.now());
                }
                Thread.sleep(2000);
            }
            assertThat(firstData)
                    .as("Prometheus had glsmon data before the incident started at %s; log:%n%s", incidentWall,
                            prometheus.log())
                    .isNotNull();
            assertThat(alertsBefore)
                    .as("glsmon alerts pending or firing on normal traffic, before the incident at %s; error ratios: %s;"
                                    + " unknown shares: %s; crash shares: %s; non-NORMAL terminations over 5m: %s",
                            incidentWall,
                            values(prometheus, "location:glsmon_session_error_ratio:ratio5m"),
                            values(prometheus, "location:glsmon_session_unknown_ratio:ratio5m"),
                            values(prometheus, "location:glsmon_session_crash_ratio:ratio5m"),
                            series(prometheus, "sum by (location, status, category) (increase("
                                    + "glsmon_session_terminations_total{category!=\"NORMAL\"}[5m])) > 0"))
                    .isEmpty();

            // During the incident: the alert fires (polled until a failure bound).
            Instant pending = null;
            Instant firing = null;
            Instant deadline = incidentWall.plus(FIRE_DEADLINE);
            while (firing == null && Instant.now().isBefore(deadline)) {
                for (JsonNode alert : alerts(prometheus, ALERT)) {
                    String state = alert.path("metric").path("alertstate").asText();
                    if (pending == null) {
                        pending = Instant.now();
                    }
                    if (state.equals("firing")) {
                        firing = Instant.now();
                    }
                }
                if (firing == null) {
                    Thread.sleep(2000);
                }
            }
            String crashes = values(prometheus, "location:glsmon_session_crashes:increase5m");
            assertThat(firing)
                    .as("%s{location=\"%s\"} firing by %s; crashes over 5m: %s; rules: %s", ALERT, LOCATION, deadline,
                            crashes, prometheus.get("/api/v1/rules?type=alert").path("data"))
                    .isNotNull();

            // The stream_group variable lists the scenario's stream groups.
            List<String> streamGroups = prometheus.api().variableValues(ShippedFiles.variableQuery("stream_group"));
            assertThat(streamGroups).as("values of the stream_group variable")
                    .containsExactlyInAnyOrderElementsOf(streamGroupIds(scenario));

            // Every dashboard query has data now, with All selected and with one stream group
            // selected (a few retries: some series need another scrape).
            List<ShippedFiles.PanelQuery> queries = new ArrayList<>(ShippedFiles.panelQueriesWithAllSelected());
            List<ShippedFiles.PanelQuery> byStreamGroup =
                    ShippedFiles.panelQueriesUsing(Map.of("stream_group", streamGroups.get(0)));
            assertThat(byStreamGroup).as("panel queries that use $stream_group").isNotEmpty();
            queries.addAll(byStreamGroup);
            List<ShippedFiles.PanelQuery> empty = prometheus.api().withoutData(queries, Duration.ofSeconds(30));
            List<String> nan = new ArrayList<>();
            for (ShippedFiles.PanelQuery query : queries) {
                if (prometheus.query(query.expr()).path("data").path("result").toString().contains("\"NaN\"")) {
                    nan.add(query.toString());
                }
            }
            List<String> firingNow = new ArrayList<>();
            for (JsonNode alert : prometheus.query("ALERTS{alertstate=\"firing\"}").path("data").path("result")) {
                firingNow.add(alert.path("metric").path("alertname").asText() + "{"
                        + alert.path("metric").path("location").asText("") + "}");
            }

            System.out.printf("Prometheus first saw the stack %.0f s after the scenario origin, %.0f s before the incident%n",
                    seconds(origin, firstData), seconds(firstData, incidentWall));
            System.out.printf("glsmon alerts pending or firing before the incident: %s%n",
                    alertsBefore.isEmpty() ? "none" : alertsBefore);
            System.out.printf("%s{location=%s}: pending %.0f s and firing %.0f s after the incident start (wall);"
                            + " firing then: %s%n",
                    ALERT, LOCATION, seconds(incidentWall, pending), seconds(incidentWall, firing), firingNow);
            System.out.printf("crashes over 5m at firing: %s%n", crashes);
            System.out.printf("stream groups: %s; dashboard queries with data: %d / %d (%d of them with stream_group=%s)%n",
                    streamGroups, queries.size() - empty.size(), queries.size(), byStreamGroup.size(),
                    streamGroups.get(0));
            empty.forEach(query -> System.out.println("  no data: " + query));
            nan.forEach(query -> System.out.println("  NaN in: " + query));

            assertThat(empty.stream().map(Object::toString)).as("dashboard queries without data").isEmpty();
        }
    }

    private static List<String> streamGroupIds(Path scenario) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(scenario.toFile()).path("streamGroups").forEach(group -> ids.add(group.path("id").asText()));
        return ids;
    }

    /** The us-west-2 applicationExit incident of the scenario. */
    private static JsonNode crashIncident(Path scenario) throws Exception {
        for (JsonNode incident : JSON.readTree(scenario.toFile()).path("incidents")) {
            if (incident.path("location").asText().equals(LOCATION)
                    && incident.path("reasonMultipliers").has("applicationExit")) {
                return incident;
            }
        }
        return fail("no us-west-2 applicationExit incident in " + scenario);
    }

    private static Duration wall(Duration virtual) {
        return Duration.ofMillis(Math.round(virtual.toMillis() / TIME_SCALE));
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static List<JsonNode> alerts(PrometheusServer prometheus, String alertname) throws Exception {
        JsonNode result = prometheus.query("ALERTS{alertname=\"" + alertname + "\",location=\"" + LOCATION + "\"}")
                .path("data").path("result");
        List<JsonNode> list = new ArrayList<>();
        result.forEach(list::add);
        return list;
    }

    private static boolean hasData(PrometheusServer prometheus, String promql) throws Exception {
        return !prometheus.query(promql).path("data").path("result").isEmpty();
    }

    /** Every series of the answer with all its labels and its value. */
    private static String series(PrometheusServer prometheus, String promql) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode series : prometheus.query(promql).path("data").path("result")) {
            out.add(series.path("metric") + "=" + series.path("value").path(1).asText());
        }
        return String.join(", ", out);
    }

    private static String values(PrometheusServer prometheus, String promql) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode series : prometheus.query(promql).path("data").path("result")) {
            out.add(series.path("metric").path("location").asText() + "=" + series.path("value").path(1).asText());
        }
        return String.join(", ", out);
    }
}
