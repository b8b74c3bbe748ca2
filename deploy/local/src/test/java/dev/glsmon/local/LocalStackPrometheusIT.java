package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.glsmon.deployfiles.PrometheusServer;
import dev.glsmon.deployfiles.ShippedFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus configuration, rules and dashboards against the running local stack: a
 * real {@code prometheus} scrapes the poller and the processor while the simulator plays a copy of
 * the demo scenario whose us-west-2 applicationExit spike starts early. Every dashboard query has
 * data, and ApplicationCrashSpike for us-west-2 is not firing before the spike and fires during it.
 *
 * <p>Numbers: at time x1.5 us-west-2 has about 0.5 APPLICATION_CRASH terminations per virtual
 * minute outside the incident, 3.6 per 5 wall minutes, below the alert's minimum of 5 in its 5m
 * window; the incident (applicationExit x10) brings about 7 per wall minute, so the 5m window reaches
 * 5 within a minute and the alert fires after its 2m {@code for:}, while the incident lasts 10 wall
 * minutes (15 virtual). Prometheus is younger than the {@code [1h] offset 5m} comparison, so the
 * alert falls back, as shipped, to "at least 5 crashes in 5m".
 */
class LocalStackPrometheusIT {

    private static final double TIME_SCALE = 1.5;
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final String SCENARIO = "/glsmon/prometheus-e2e-scenario.json";
    private static final String LOCATION = "us-west-2";
    private static final String ALERT = "ApplicationCrashSpike";
    private static final String OTHER_ALERT = "LocationErrorRatioHigh";
    /** Bound on the wait for the alert after the incident starts: a failure bound, not a figure. */
    private static final Duration FIRE_DEADLINE = Duration.ofMinutes(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Dashboard queries that may have no data in this run, and why; each is printed when it has none.
     * Every other query must return a non-empty result.
     */
    private static final Map<String, String> MAY_HAVE_NO_DATA = Map.of(
            "sum(rate(glsmon_snapshots_stale_total[5m]))",
            "the processor creates glsmon_snapshots_stale_total with the first stale snapshot; a healthy run has none");

    @Test
    void shippedRulesAndDashboardsSeeTheStackAndTheCrashSpikeFires(@TempDir Path dataDir, @TempDir Path prometheusDir)
            throws Exception {
        Path scenario = Path.of(LocalStackPrometheusIT.class.getResource(SCENARIO).toURI());
        JsonNode incident = crashIncident(scenario);
        Duration incidentStart = Duration.parse(incident.path("start").asText());
        Duration incidentLength = Duration.parse(incident.path("duration").asText());
        LocalStackOptions options = new LocalStackOptions(dataDir, TIME_SCALE, Duration.ZERO, scenario.toString(), 42,
                POLL, 0, 0, 0, 0, "127.0.0.1", false, null, List.of());

        try (LocalStack stack = LocalStack.start(options);
                PrometheusServer prometheus = PrometheusServer.start(prometheusDir, port -> shippedConfig(stack, port))) {
            Instant origin = scenarioOriginWall(stack.simulator().clock());
            Instant incidentWall = origin.plus(wall(incidentStart));
            Instant incidentEndWall = incidentWall.plus(wall(incidentLength));
            System.out.printf("scenario origin %s, us-west-2 crash incident from %s to %s (wall), prometheus %s%n",
                    origin, incidentWall, incidentEndWall, prometheus.baseUri());

            // Before the incident: Prometheus sees the stack, and the alert never fires.
            Instant firstData = null;
            List<String> firingBefore = new ArrayList<>();
            String pendingBefore = null;
            while (Instant.now().isBefore(incidentWall.minusSeconds(2))) {
                if (firstData == null && hasData(prometheus, "sum(glsmon_sessions) > 0")
                        && hasData(prometheus, "glsmon_poller_last_complete_cycle_timestamp_seconds")) {
                    firstData = Instant.now();
                }
                for (JsonNode alert : alerts(prometheus, ALERT)) {
                    String state = alert.path("metric").path("alertstate").asText();
                    if (state.equals("firing")) {
                        firingBefore.add(Instant.now() + " " + alert.path("metric"));
                    } else if (pendingBefore == null) {
                        pendingBefore = Instant.now() + " " + alert.path("metric");
                    }
                }
                Thread.sleep(2000);
            }
            assertThat(firstData)
                    .as("Prometheus had glsmon data before the incident started at %s; log:%n%s", incidentWall,
                            prometheus.log())
                    .isNotNull();
            assertThat(firingBefore).as("%s firing before the incident", ALERT).isEmpty();
            // stronger than "not firing": with less history than the rule's for: the alert could not
            // fire yet anyway, but it must not even be pending on us-west-2's normal traffic
            assertThat(pendingBefore).as("%s{location=\"%s\"} pending before the incident", ALERT, LOCATION).isNull();

            // During the incident: the alert fires (polled until a failure bound).
            Instant pending = null;
            Instant firing = null;
            Instant otherFiring = null;
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
                if (otherFiring == null && alerts(prometheus, OTHER_ALERT).stream()
                        .anyMatch(a -> a.path("metric").path("alertstate").asText().equals("firing"))) {
                    otherFiring = Instant.now();
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

            // Every dashboard query has data now (a few retries: some series need another scrape).
            List<ShippedFiles.PanelQuery> queries = ShippedFiles.panelQueriesWithAllSelected();
            List<ShippedFiles.PanelQuery> empty = new ArrayList<>();
            List<String> nan = new ArrayList<>();
            Instant panelsDeadline = Instant.now().plusSeconds(30);
            while (true) {
                empty.clear();
                nan.clear();
                for (ShippedFiles.PanelQuery query : queries) {
                    JsonNode answer = prometheus.query(query.expr());
                    assertThat(answer.path("status").asText()).as("%s: %s", query, answer).isEqualTo("success");
                    JsonNode result = answer.path("data").path("result");
                    if (result.isEmpty()) {
                        empty.add(query);
                    } else if (result.toString().contains("\"NaN\"")) {
                        nan.add(query.toString());
                    }
                }
                if (Instant.now().isAfter(panelsDeadline)
                        || empty.stream().allMatch(query -> MAY_HAVE_NO_DATA.containsKey(query.expr()))) {
                    break;
                }
                Thread.sleep(5000);
            }

            System.out.printf("Prometheus first saw the stack %.0f s after the scenario origin, %.0f s before the incident%n",
                    seconds(origin, firstData), seconds(firstData, incidentWall));
            System.out.printf("%s{location=%s}: pending before the incident: %s; pending %.0f s and firing %.0f s"
                            + " after the incident start (wall); %s firing %s%n",
                    ALERT, LOCATION, pendingBefore == null ? "never" : pendingBefore,
                    seconds(incidentWall, pending), seconds(incidentWall, firing), OTHER_ALERT,
                    otherFiring == null ? "not yet" : String.format("%.0f s after", seconds(incidentWall, otherFiring)));
            System.out.printf("crashes over 5m at firing: %s%n", crashes);
            System.out.printf("dashboard queries with data: %d / %d%n", queries.size() - empty.size(), queries.size());
            empty.forEach(query -> System.out.println("  no data: " + query + "  ("
                    + MAY_HAVE_NO_DATA.getOrDefault(query.expr(), "unexpected") + ")"));
            nan.forEach(query -> System.out.println("  NaN in: " + query));

            assertThat(empty.stream().filter(query -> !MAY_HAVE_NO_DATA.containsKey(query.expr())).map(Object::toString))
                    .as("dashboard queries without data").isEmpty();
        }
    }

    /** The shipped prometheus.yml with absolute rule files and each job's target at the stack's actual port. */
    private static String shippedConfig(LocalStack stack, int prometheusPort) {
        Path dir = ShippedFiles.prometheusDir();
        ObjectNode config = (ObjectNode) ShippedFiles.readYaml(dir.resolve("prometheus.yml"));
        ArrayNode rules = config.putArray("rule_files");
        ShippedFiles.readYaml(dir.resolve("prometheus.yml")).path("rule_files")
                .forEach(file -> rules.add(dir.resolve(file.asText()).toAbsolutePath().toString()));
        Map<String, String> targets = Map.of(
                "glsmon-poller", hostPort(stack.pollerHttpUri()),
                "glsmon-processor", hostPort(stack.processor().httpUri()),
                "glsmon-simulator", "127.0.0.1:" + stack.simulator().port(),
                "prometheus", "127.0.0.1:" + prometheusPort);
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            String target = targets.get(name);
            if (target == null) {
                fail("the shipped prometheus.yml has a job this test does not know how to point at the stack: " + name);
            }
            assertThat(job.path("static_configs")).as("static_configs of %s", name).hasSize(1);
            ((ObjectNode) job.path("static_configs").get(0)).putArray("targets").add(target);
        }
        try {
            return new YAMLMapper().writeValueAsString(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
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

    /**
     * The wall instant of the scenario's origin. The stack's ScaledClock starts at the wall time it
     * was created (virtual = start + wallElapsed * scale), and the simulator opens its scenario then.
     */
    private static Instant scenarioOriginWall(Clock clock) {
        double wall = System.currentTimeMillis();
        double virtual = clock.millis();
        return Instant.ofEpochMilli(Math.round((virtual - TIME_SCALE * wall) / (1 - TIME_SCALE)));
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

    private static String values(PrometheusServer prometheus, String promql) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode series : prometheus.query(promql).path("data").path("result")) {
            out.add(series.path("metric").path("location").asText() + "=" + series.path("value").path(1).asText());
        }
        return String.join(", ", out);
    }
}
