package dev.glsmon.deployfiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shipped deploy files as tests outside this package need them: the Prometheus directory and
 * every dashboard panel query with its variables replaced as Grafana does with "All" selected.
 */
public final class ShippedFiles {

    private ShippedFiles() {}

    /** A panel query: where it comes from and its PromQL, variables already substituted. */
    public record PanelQuery(String dashboard, String panel, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    /** {@code deploy/prometheus} of this repository. */
    public static Path prometheusDir() {
        return DeployFiles.deploy("prometheus");
    }

    /** Reads a YAML file of the deploy directory. */
    public static JsonNode readYaml(Path file) {
        return DeployFiles.readYaml(file);
    }

    /** Every target expression of every panel of every shipped dashboard, with "All" for each variable. */
    public static List<PanelQuery> panelQueriesWithAllSelected() {
        return panelQueries(Map.of(), false);
    }

    /**
     * The target expressions that use one of the {@code selected} variables, with those set to the
     * given values (regular expressions, as Grafana writes a selection) and "All" for the others.
     */
    public static List<PanelQuery> panelQueriesUsing(Map<String, String> selected) {
        return panelQueries(selected, true);
    }

    /** The query of a dashboard variable, the same in every dashboard that has it (checked). */
    public static String variableQuery(String name) {
        Set<String> queries = new TreeSet<>();
        for (Path file : GrafanaDashboardsTest.dashboardFiles()) {
            JsonNode variable = GrafanaDashboardsTest.variable(DeployFiles.readJson(file), name);
            if (variable != null) {
                queries.add(GrafanaDashboardsTest.variableQuery(variable));
            }
        }
        if (queries.size() != 1) {
            throw new IllegalStateException("variable " + name + " has these queries in the dashboards: " + queries);
        }
        return queries.iterator().next();
    }

    private static List<PanelQuery> panelQueries(Map<String, String> selected, boolean onlyUsingSelected) {
        List<PanelQuery> queries = new ArrayList<>();
        for (Path file : GrafanaDashboardsTest.dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            Set<String> variables = GrafanaDashboardsTest.variableNames(dashboard);
            for (JsonNode panel : GrafanaDashboardsTest.panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    if (onlyUsingSelected && selected.keySet().stream().noneMatch(name -> expr.contains("$" + name))) {
                        continue;
                    }
                    queries.add(new PanelQuery(file.getFileName().toString(), panel.path("title").asText(),
                            GrafanaDashboardsTest.substituteVariables(expr, variables, selected)));
                }
            }
        }
        return queries;
    }
}
