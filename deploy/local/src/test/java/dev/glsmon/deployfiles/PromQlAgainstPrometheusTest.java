package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (empty TSDB, our rule files) judges the PromQL: every dashboard query
 * must parse (a query that parses answers success even without data), every rule must load and
 * evaluate.
 */
class PromQlAgainstPrometheusTest {

    @TempDir
    static Path workDir;

    private static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() throws Exception {
        prometheus = PrometheusServer.start(workDir, PrometheusRulesTest.ruleFiles());
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyDashboardQueryParses() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : GrafanaDashboardsTest.dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            Set<String> variables = GrafanaDashboardsTest.variableNames(dashboard);
            for (JsonNode panel : GrafanaDashboardsTest.panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = GrafanaDashboardsTest.substituteVariables(target.path("expr").asText(), variables);
                    JsonNode answer = prometheus.query(expr);
                    checked++;
                    if (!answer.path("status").asText().equals("success")) {
                        failures.add(file.getFileName() + " / " + panel.path("title").asText() + ": " + expr
                                + "\n    " + answer.path("error").asText());
                    }
                }
            }
        }

        assertThat(checked).isPositive();
        assertThat(failures).isEmpty();
    }

    @Test
    void aQueryThatDoesNotParseIsRejected() throws Exception {
        JsonNode answer = prometheus.query("sum by (location (glsmon_sessions)");

        assertThat(answer.path("status").asText()).isEqualTo("error");
        assertThat(answer.path("errorType").asText()).isEqualTo("bad_data");
    }

    @Test
    void theServerLoadsEveryRuleGroupAndEvaluatesItWithoutError() throws Exception {
        Set<String> expectedGroups = new TreeSet<>();
        for (Path file : PrometheusRulesTest.ruleFiles()) {
            DeployFiles.readYaml(file).path("groups").forEach(group -> expectedGroups.add(group.path("name").asText()));
        }
        JsonNode groups = awaitEvaluatedRules(Duration.ofSeconds(30));

        Set<String> loaded = new TreeSet<>();
        List<String> unhealthy = new ArrayList<>();
        for (JsonNode group : groups) {
            loaded.add(group.path("name").asText());
            for (JsonNode rule : group.path("rules")) {
                if (!rule.path("health").asText().equals("ok")) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }

        assertThat(loaded).as(prometheus.log()).isEqualTo(expectedGroups);
        assertThat(unhealthy).isEmpty();
    }

    @Test
    void thresholdSeriesAreRecordedByTheServer() throws Exception {
        JsonNode answer = awaitResult("glsmon:threshold:location_error_ratio", Duration.ofSeconds(30));

        assertThat(answer.path("data").path("result").path(0).path("value").path(1).asText()).isEqualTo("0.2");
    }

    /** /api/v1/rules once every rule has been evaluated at least once. */
    private static JsonNode awaitEvaluatedRules(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode groups;
        do {
            groups = prometheus.get("/api/v1/rules").path("data").path("groups");
            boolean allEvaluated = groups.size() > 0;
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    allEvaluated &= !rule.path("health").asText().equals("unknown");
                }
            }
            if (allEvaluated) {
                return groups;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        } while (Instant.now().isBefore(deadline));
        return groups;
    }

    private static JsonNode awaitResult(String promql, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode answer;
        do {
            answer = prometheus.query(promql);
            if (answer.path("data").path("result").size() > 0) {
                return answer;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        } while (Instant.now().isBefore(deadline));
        return answer;
    }
}
