package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/prometheus: configs, rule files and their promtool unit tests. */
class PrometheusRulesTest {

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern THRESHOLD = Pattern.compile("glsmon:threshold:[a-z0-9_]+");

    static Path prometheusDir() {
        return DeployFiles.deploy("prometheus");
    }

    static List<Path> ruleFiles() {
        return DeployFiles.filesIn(prometheusDir().resolve("rules"), ".yml", ".yaml");
    }

    static List<Path> ruleTestFiles() {
        return DeployFiles.filesIn(prometheusDir().resolve("tests"), ".yml", ".yaml");
    }

    static Stream<Path> configFiles() {
        return Stream.of(prometheusDir().resolve("prometheus.yml"), prometheusDir().resolve("prometheus-compose.yml"));
    }

    static Path promtool() {
        return Tools.require("promtool", "prometheus");
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void configPassesPromtoolCheckConfig(Path config) {
        Tools.Result result = Tools.run(prometheusDir(), TOOL_TIMEOUT, promtool(), "check", "config", config.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    void ruleFilePassesPromtoolCheckRules(Path rules) {
        Tools.Result result = Tools.run(prometheusDir(), TOOL_TIMEOUT, promtool(), "check", "rules", rules.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @ParameterizedTest
    @MethodSource("ruleTestFiles")
    void ruleUnitTestsPass(Path tests) {
        Tools.Result result = Tools.run(prometheusDir(), TOOL_TIMEOUT, promtool(), "test", "rules", tests.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void thereAreRuleFilesAndRuleTests() {
        assertThat(ruleFiles()).extracting(file -> file.getFileName().toString())
                .contains("glsmon-alerts.yml", "glsmon-recording.yml", "glsmon-thresholds.yml");
        assertThat(ruleTestFiles()).isNotEmpty();
    }

    @Test
    void everyAlertHasATestCaseWhereItFiresAndOneWhereItDoesNot() {
        Set<String> alerts = alertNames();
        Set<String> fires = new TreeSet<>();
        Set<String> staysSilent = new TreeSet<>();
        for (Path file : ruleTestFiles()) {
            for (JsonNode test : DeployFiles.readYaml(file).path("tests")) {
                for (JsonNode alertTest : test.path("alert_rule_test")) {
                    String name = alertTest.path("alertname").asText();
                    if (alertTest.path("exp_alerts").isEmpty()) {
                        staysSilent.add(name);
                    } else {
                        fires.add(name);
                    }
                }
            }
        }

        assertThat(alerts).isNotEmpty();
        assertThat(fires).as("alerts with a promtool test case in which they fire").containsAll(alerts);
        assertThat(staysSilent).as("alerts with a promtool test case in which they do not fire").containsAll(alerts);
        assertThat(alerts).as("promtool tests name only existing alerts").containsAll(fires).containsAll(staysSilent);
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionThatExists() {
        String readme = DeployFiles.readString(prometheusDir().resolve("README.md"));
        Set<String> anchors = markdownAnchors(readme);
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : alertRules()) {
            String name = rule.path("alert").asText();
            String severity = rule.path("labels").path("severity").asText();
            if (!Set.of("critical", "warning").contains(severity)) {
                problems.add(name + ": severity '" + severity + "' is neither critical nor warning");
            }
            for (String annotation : List.of("summary", "description", "runbook")) {
                if (rule.path("annotations").path(annotation).asText().isBlank()) {
                    problems.add(name + ": no " + annotation + " annotation");
                }
            }
            String runbook = rule.path("annotations").path("runbook").asText();
            String expected = "deploy/prometheus/README.md#" + name.toLowerCase(Locale.ROOT);
            if (!runbook.equals(expected)) {
                problems.add(name + ": runbook '" + runbook + "' should be '" + expected + "'");
            } else if (!anchors.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(name + ": deploy/prometheus/README.md has no section '" + name + "'");
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void alertsUseOnlyThresholdsThatAreDefinedAndEveryThresholdIsUsedAndDocumented() {
        Set<String> defined = recordedNames(prometheusDir().resolve("rules/glsmon-thresholds.yml"));
        Set<String> used = new TreeSet<>();
        for (JsonNode rule : alertRules()) {
            Matcher matcher = THRESHOLD.matcher(rule.path("expr").asText());
            while (matcher.find()) {
                used.add(matcher.group());
            }
        }
        String readme = DeployFiles.readString(prometheusDir().resolve("README.md"));

        assertThat(defined).allMatch(name -> THRESHOLD.matcher(name).matches(), "named glsmon:threshold:*");
        assertThat(defined).as("thresholds defined in glsmon-thresholds.yml").containsAll(used);
        assertThat(used).as("thresholds some alert reads").containsAll(defined);
        assertThat(defined).allMatch(readme::contains, "listed in deploy/prometheus/README.md");
    }

    @Test
    void rulesReadOnlyMetricsTheProgramsExportOrOtherRulesRecord() {
        Set<String> known = knownMetricNames();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : DeployFiles.readYaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                    Set<String> metrics = new TreeSet<>(PromQl.metricNames(rule.path("expr").asText()));
                    metrics.removeAll(known);
                    if (!metrics.isEmpty()) {
                        unknown.put(file.getFileName() + " " + name, metrics);
                    }
                }
            }
        }

        assertThat(unknown).as("metric names neither in DeployContract.programMetricNames() nor recorded").isEmpty();
    }

    @Test
    void localAndComposeConfigsScrapeTheSameJobsAndLoadEveryRuleFile() {
        JsonNode local = DeployFiles.readYaml(prometheusDir().resolve("prometheus.yml"));
        JsonNode compose = DeployFiles.readYaml(prometheusDir().resolve("prometheus-compose.yml"));
        List<String> allRuleFiles = ruleFiles().stream().map(file -> "rules/" + file.getFileName()).toList();

        assertThat(textList(local.path("rule_files"))).containsExactlyInAnyOrderElementsOf(allRuleFiles);
        assertThat(textList(compose.path("rule_files"))).containsExactlyInAnyOrderElementsOf(allRuleFiles);
        assertThat(jobs(compose).keySet()).isEqualTo(jobs(local).keySet());
        for (String program : DeployContract.PROGRAMS) {
            String job = "glsmon-" + program;
            int port = DeployContract.defaultPort(program);
            assertThat(jobs(local).get(job)).as(job + " in prometheus.yml").isEqualTo("localhost:" + port);
            assertThat(jobs(compose).get(job)).as(job + " in prometheus-compose.yml").isEqualTo(program + ":" + port);
        }
    }

    /** job name -> its only target. */
    static Map<String, String> jobs(JsonNode config) {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            List<String> targets = new ArrayList<>();
            job.path("static_configs").forEach(sc -> targets.addAll(textList(sc.path("targets"))));
            jobs.put(job.path("job_name").asText(), String.join(",", targets));
        }
        return jobs;
    }

    static List<String> textList(JsonNode array) {
        return DeployFiles.elements(array).stream().map(JsonNode::asText).toList();
    }

    static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        alertRules().forEach(rule -> names.add(rule.path("alert").asText()));
        return names;
    }

    static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : DeployFiles.readYaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        rules.add(rule);
                    }
                }
            }
        }
        return rules;
    }

    /** The series names recorded by one rule file. */
    static Set<String> recordedNames(Path file) {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : DeployFiles.readYaml(file).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    names.add(rule.path("record").asText());
                }
            }
        }
        return names;
    }

    /** Program metrics, Prometheus's own series and every recorded series. */
    static Set<String> knownMetricNames() {
        Set<String> known = new TreeSet<>(DeployContract.programMetricNames());
        known.addAll(DeployContract.PROMETHEUS_METRIC_NAMES);
        ruleFiles().forEach(file -> known.addAll(recordedNames(file)));
        return known;
    }

    /** GitHub-style anchors of the Markdown headings. */
    static Set<String> markdownAnchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
