package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/grafana: provisioning and the dashboards' structure (their PromQL: PromQlAgainstPrometheusTest). */
class GrafanaDashboardsTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?}?");

    /** A panel query: where it comes from and its PromQL. */
    record PanelQuery(String dashboard, String panel, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    static List<Path> dashboardFiles() {
        return DeployFiles.filesIn(DeployFiles.deploy("grafana/dashboards"), ".json");
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // panels inside collapsed rows
        }
        return panels;
    }

    static List<PanelQuery> panelQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new PanelQuery(
                            file.getFileName().toString(), panel.path("title").asText(), target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    /**
     * The query with Grafana's variables replaced as Grafana would with "All" selected: interval
     * variables by 5m, dashboard variables by their all value .*; unknown variables stay.
     */
    static String substituteVariables(String expr, Set<String> dashboardVariables) {
        return substituteVariables(expr, dashboardVariables, Map.of());
    }

    /** As {@link #substituteVariables(String, Set)}, with {@code selected} values for some variables instead of All. */
    static String substituteVariables(String expr, Set<String> dashboardVariables, Map<String, String> selected) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.startsWith("__") ? "5m"
                    : !dashboardVariables.contains(name) ? matcher.group()
                    : selected.getOrDefault(name, ".*");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static Set<String> variableNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        dashboard.path("templating").path("list").forEach(variable -> names.add(variable.path("name").asText()));
        return names;
    }

    static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        return null;
    }

    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isTextual() ? query.asText() : query.path("query").asText();
    }

    @Test
    void thereAreTheFourDashboards() {
        assertThat(dashboardFiles()).extracting(file -> file.getFileName().toString()).containsExactlyInAnyOrder(
                "glsmon-fleet-overview.json", "glsmon-session-lifecycle.json", "glsmon-exports.json", "glsmon-health.json");
    }

    @Test
    void everyPanelQueriesThePrometheusDatasourceWithAtLeastOneExpression() {
        List<String> problems = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode panel : panels(DeployFiles.readJson(file))) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                if (!panel.path("datasource").path("uid").asText().equals("prometheus")) {
                    problems.add(where + ": datasource uid is not 'prometheus'");
                }
                if (panel.path("targets").isEmpty()) {
                    problems.add(where + ": no targets");
                }
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("expr").asText().isBlank()) {
                        problems.add(where + ": target " + target.path("refId").asText() + " has no expr");
                    }
                    if (target.has("datasource") && !target.path("datasource").path("uid").asText().equals("prometheus")) {
                        problems.add(where + ": target " + target.path("refId").asText() + " names another datasource");
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyDashboardHasTheLocationAndStreamGroupVariables() {
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            JsonNode location = variable(dashboard, "location");
            JsonNode streamGroup = variable(dashboard, "stream_group");

            assertThat(location).as(file + ": variable location").isNotNull();
            assertThat(variableQuery(location)).as(file + ": location values").isEqualTo("label_values(glsmon_sessions, location)");
            assertThat(streamGroup).as(file + ": variable stream_group").isNotNull();
            assertThat(variableQuery(streamGroup)).as(file + ": stream_group values")
                    .matches("label_values\\((\\w+), stream_group\\)")
                    .satisfies(query -> assertThat(DeployContract.hasStreamGroupLabel(
                            query.substring("label_values(".length(), query.indexOf(','))))
                            .as("%s reads a metric with a stream_group label", query).isTrue());
            for (JsonNode variable : List.of(location, streamGroup)) {
                assertThat(variable.path("datasource").path("uid").asText()).as(file + ": variable datasource").isEqualTo("prometheus");
                assertThat(variable.path("includeAll").asBoolean()).as(file + ": variable offers All").isTrue();
                assertThat(variable.path("allValue").asText()).as(file + ": All matches every value").isEqualTo(".*");
            }
        }
    }

    @Test
    void queriesOnMetricsWithALocationLabelFilterByTheLocationVariable() {
        List<PanelQuery> unfiltered = panelQueries().stream()
                .filter(query -> PromQl.metricNames(query.expr()).stream().anyMatch(DeployContract::hasLocationLabel))
                .filter(query -> !query.expr().contains("location=~\"$location\""))
                .toList();

        assertThat(unfiltered).isEmpty();
    }

    @Test
    void queriesOnMetricsWithAStreamGroupLabelFilterByTheStreamGroupVariable() {
        List<PanelQuery> onStreamGroupMetrics = panelQueries().stream()
                .filter(query -> PromQl.metricNames(query.expr()).stream().anyMatch(DeployContract::hasStreamGroupLabel))
                .toList();
        List<PanelQuery> unfiltered = onStreamGroupMetrics.stream()
                .filter(query -> !query.expr().contains("stream_group=~\"$stream_group\""))
                .toList();

        assertThat(onStreamGroupMetrics).as("panels a stream group can filter").isNotEmpty();
        assertThat(unfiltered).isEmpty();
    }

    @Test
    void queriesUseOnlyDefinedVariables() {
        List<String> problems = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            Set<String> variables = variableNames(dashboard);
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String substituted = substituteVariables(target.path("expr").asText(), variables);
                    if (substituted.contains("$")) {
                        problems.add(file.getFileName() + " / " + panel.path("title").asText() + ": " + substituted);
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void queriesReadOnlyMetricsTheProgramsExportOrTheRulesRecord() {
        Set<String> known = PrometheusRulesTest.knownMetricNames();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (PanelQuery query : panelQueries()) {
            Set<String> metrics = new TreeSet<>(PromQl.metricNames(query.expr()));
            metrics.removeAll(known);
            if (!metrics.isEmpty()) {
                unknown.put(query.toString(), metrics);
            }
        }

        assertThat(unknown).as("metric names neither in DeployContract.programMetricNames() nor recorded").isEmpty();
    }

    @Test
    void dashboardUidsAndPanelIdsAreUnique() {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            assertThat(uids.add(dashboard.path("uid").asText())).as(file + ": uid unique").isTrue();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels(dashboard)) {
                assertThat(ids.add(panel.path("id").asInt())).as(file + ": panel id " + panel.path("id") + " unique").isTrue();
            }
        }
    }

    @Test
    void provisioningDefinesThePrometheusDatasourceAndLoadsTheDashboardsFromWhereComposeMountsThem() {
        JsonNode datasources = DeployFiles.readYaml(DeployFiles.deploy("grafana/provisioning/datasources/prometheus.yml"));
        JsonNode providers = DeployFiles.readYaml(DeployFiles.deploy("grafana/provisioning/dashboards/glsmon.yml"));
        JsonNode grafana = DeployFiles.readYaml(DeployFiles.deploy("compose/docker-compose.yml")).path("services").path("grafana");

        assertThat(DeployFiles.elements(datasources.path("datasources")))
                .anySatisfy(ds -> {
                    assertThat(ds.path("uid").asText()).isEqualTo("prometheus");
                    assertThat(ds.path("type").asText()).isEqualTo("prometheus");
                });
        String providerPath = providers.path("providers").path(0).path("options").path("path").asText();
        assertThat(PrometheusRulesTest.textList(grafana.path("volumes")))
                .contains("../grafana/dashboards:" + providerPath + ":ro")
                .contains("../grafana/provisioning/datasources:/etc/grafana/provisioning/datasources:ro")
                .contains("../grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro");
    }
}
