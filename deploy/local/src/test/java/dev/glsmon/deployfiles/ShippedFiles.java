package dev.glsmon.deployfiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        List<PanelQuery> queries = new ArrayList<>();
        for (Path file : GrafanaDashboardsTest.dashboardFiles()) {
            JsonNode dashboard = DeployFiles.readJson(file);
            Set<String> variables = GrafanaDashboardsTest.variableNames(dashboard);
            for (JsonNode panel : GrafanaDashboardsTest.panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new PanelQuery(file.getFileName().toString(), panel.path("title").asText(),
                            GrafanaDashboardsTest.substituteVariables(target.path("expr").asText(), variables)));
                }
            }
        }
        return queries;
    }
}
