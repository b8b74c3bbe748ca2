package dev.glsmon.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glsmon.deployfiles.PrometheusApi;
import dev.glsmon.deployfiles.ShippedFiles;
import dev.glsmon.local.SimulatorTime;
import dev.glsmon.local.TopicReader;
import dev.glsmon.local.TruthComparison;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose/docker-compose.yml started for real with podman-compose, the demo profile's services
 * (Grafana, whose image no package provides, stays out): every service passes its compose healthcheck,
 * the demo without its incidents runs at its configured time scale for three minutes, and then
 * <ul>
 *   <li>what the broker container holds on the transitions and terminations topics is judged against the
 *       simulator's truth log at the poller's configured poll interval ({@link TruthComparison}, as for
 *       the local stack);
 *   <li>the Prometheus container has data for every dashboard query but the firing-alert panel's, and no
 *       glsmon alert firing (that panel empty);
 *   <li>after {@code podman-compose down -v} no container or volume of the stack is left.
 * </ul>
 * Ports, environment and the service list come from the compose file as docker-compose resolves it;
 * the additions (a second compose file written here) are the simulator's truth log and its scenario: the
 * demo without its incidents, so that every alert must stay silent.
 */
class ComposeStackIT {

    private static final String PROJECT = "glsmon-it";
    private static final String PROFILE = "demo";
    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration RUN = Duration.ofMinutes(3);
    /** Lets the processor write out what the poller observed before the end. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final String TRUTH_LOG = "/var/lib/glsmon/truth.jsonl";
    /** Where the simulator container finds the scenario of the test run. */
    private static final String SCENARIO = "/etc/glsmon/demo-without-incidents.json";
    private static final String DEMO = "glsmon/simulator/scenarios/demo.json";
    /** Image tarballs of the build: module directory -> tarball. */
    private static final Map<String, String> TARBALLS = Map.of(
            "deploy/embedded-broker", "target/jib-image.tar",
            "poller", "target/jib-image.tar",
            "processor", "target/jib-image.tar",
            "simulator", "target/jib-image.tar",
            "deploy/images", "target/prometheus-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoInContainersKeepsItsPromiseAndLeavesNothingBehind(@TempDir Path work) throws Exception {
        Path repoRoot = Path.of(System.getProperty("glsmon.repoRoot", "../..")).toRealPath();
        Deployments deployments = Deployments.read(repoRoot);
        List<String> services = deployments.composeServicesOfProfile(PROFILE);
        Map<String, String> simulatorEnv = deployments.composeEnv("simulator");
        Map<String, String> pollerEnv = deployments.composeEnv("poller");
        double timeScale = Double.parseDouble(simulatorEnv.get("GLSMON_TIME_SCALE"));
        Duration pollInterval = Duration.parse("PT" + pollerEnv.get("GLSMON_POLL_INTERVAL"));
        int kafkaPort = deployments.composeHostPorts("kafka").get(0);
        URI simulator = URI.create("http://localhost:" + deployments.composeHostPorts("simulator").get(0));
        PrometheusApi prometheus = new PrometheusApi(
                URI.create("http://localhost:" + deployments.composeHostPorts("prometheus").get(0)));
        List<Integer> hostPorts = new ArrayList<>();
        services.forEach(service -> hostPorts.addAll(deployments.composeHostPorts(service)));
        Path scenario = demoWithoutIncidents(work.resolve("demo-without-incidents.json"));
        Path testOverride = work.resolve("test-run.yml");
        Files.writeString(testOverride, String.join("\n",
                "services:",
                "  simulator:",
                "    environment:",
                "      GLSMON_TRUTH_LOG: " + TRUTH_LOG,
                "      GLSMON_SCENARIO: " + SCENARIO,
                "    volumes:",
                "      - " + scenario + ":" + SCENARIO + ":ro",
                ""));

        assertThat(services).as("services of the %s profile", PROFILE)
                .contains("kafka", "simulator", "poller", "processor", "prometheus").doesNotContain("grafana");
        ComposeStack.requireFree(hostPorts);
        ComposeStack stack = ComposeStack.prepare(repoRoot.resolve("deploy/compose/docker-compose.yml"),
                List.of(testOverride), PROJECT, work, services);
        Instant loading = Instant.now();
        TARBALLS.forEach((module, tarball) -> stack.load(repoRoot.resolve(module).resolve(tarball)));
        System.out.printf("images loaded in %d s%n", Duration.between(loading, Instant.now()).toSeconds());

        List<SessionTransition> transitions;
        List<TruthComparison.ObservedTermination> terminations;
        Instant firstPoll;
        Instant end;
        List<String> emptyQueries;
        List<String> alertPanelRows;
        List<String> alertStates;
        List<String> streamGroups;
        try (stack) {
            Instant starting = Instant.now();
            stack.up();
            Map<String, Duration> healthy = stack.awaitHealthy(HEALTHY_TIMEOUT);
            System.out.printf("compose up in %d s; healthy after (s): %s%n", Duration.between(starting, Instant.now())
                    .toSeconds(), healthy.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toSeconds()).toList());

            Reading first = simulatorTime(simulator, timeScale);
            firstPoll = first.time().simulator();
            Thread.sleep(RUN.toMillis()); // the stack runs on its own; the test only lets time pass
            Reading last = simulatorTime(simulator, timeScale);
            end = last.time().simulator();
            // the tighter reading maps every wall time: the simulator's clock is a scaled monotonic clock
            SimulatorTime simulatorTime = first.roundTrip().compareTo(last.roundTrip()) <= 0 ? first.time() : last.time();
            Thread.sleep(DRAIN.toMillis());

            String bootstrap = "localhost:" + kafkaPort;
            // the poller in its container stamps observations with the wall clock, the truth with the simulator's
            transitions = TopicReader.transitions(bootstrap, Topics.defaults().sessionTransitions().name()).stream()
                    .map(t -> SessionTransition.newBuilder(t).setObservedAt(simulatorTime.of(t.getObservedAt())).build())
                    .toList();
            terminations = TopicReader.stampedTerminations(bootstrap, Topics.defaults().sessionTerminations().name())
                    .stream()
                    .map(t -> new TruthComparison.ObservedTermination(t.value(), simulatorTime.of(t.timestamp())))
                    .toList();

            streamGroups = prometheus.variableValues(ShippedFiles.variableQuery("stream_group"));
            List<ShippedFiles.PanelQuery> queries = new ArrayList<>(ShippedFiles.panelQueriesWithAllSelected());
            if (!streamGroups.isEmpty()) {
                queries.addAll(ShippedFiles.panelQueriesUsing(Map.of("stream_group", streamGroups.get(0))));
            }
            // A panel of the alerts that fire shows nothing when none fires: it must be empty here (and
            // LocalStackPrometheusIT sees it show the alert of its incident).
            List<ShippedFiles.PanelQuery> alertPanels = queries.stream().filter(q -> q.expr().contains("ALERTS{")).toList();
            queries.removeAll(alertPanels);
            emptyQueries = prometheus.withoutData(queries, Duration.ofSeconds(30)).stream().map(Object::toString).toList();
            alertPanelRows = new ArrayList<>();
            for (ShippedFiles.PanelQuery panel : alertPanels) {
                prometheus.query(panel.expr()).path("data").path("result")
                        .forEach(row -> alertPanelRows.add(panel.panel() + ": " + row.path("metric")));
            }
            alertStates = prometheus.alertRuleStates();
            System.out.printf("dashboard queries: %d, without data: %d; alert panels: %d, rows: %d; alert rules: %s%n",
                    queries.size(), emptyQueries.size(), alertPanels.size(), alertPanelRows.size(), alertStates);
            emptyQueries.forEach(query -> System.out.println("  no data: " + query));

            // stopped first: a running simulator appends to its truth log while podman cp archives it,
            // and the copy fails ("archive/tar: write too long", once in a run of f67b1bb's main)
            stack.stop("simulator");
            stack.copyOut("simulator", TRUTH_LOG, work.resolve("truth.jsonl"));
        } catch (Throwable failure) {
            for (String service : services) {
                System.out.println("--- " + service + "\n" + stack.logs(service));
            }
            throw failure;
        }
        List<String> leftContainers = stack.containers();
        List<String> leftVolumes = stack.volumes();

        TruthComparison.Figures figures = TruthComparison.fromJsonl(work.resolve("truth.jsonl"), end)
                .compare(transitions, terminations, TruthComparison.Judging.of(
                        Duration.ofMillis((long) (pollInterval.toMillis() * timeScale)), firstPoll, end));
        System.out.println(figures);
        figures.examples().forEach(example -> System.out.println("  e.g. " + example));

        SoftAssertions promise = new SoftAssertions();
        promise.assertThat(figures.observableStates()).as("truth states judged").isGreaterThan(500);
        promise.assertThat(figures.endsJudged()).as("truth ends judged").isGreaterThan(500);
        promise.assertThat(figures.lostShare()).as("share of observable states lost (%d of %d)", figures.lostStates(),
                figures.observableStates()).isLessThanOrEqualTo(0.01);
        promise.assertThat(figures.rightEndShare()).as("share of ends with one right termination within 3 polls"
                + " (%d of %d)", figures.endsRight(), figures.endsJudged()).isGreaterThanOrEqualTo(0.99);
        promise.assertThat(figures.falseTransitions()).as("transitions that did not happen").isZero();
        promise.assertThat(figures.falseVanished()).as("VANISHED before the session was gone").isZero();
        promise.assertThat(streamGroups).as("stream groups Prometheus knows").isNotEmpty();
        promise.assertThat(emptyQueries).as("dashboard queries without data").isEmpty();
        promise.assertThat(alertPanelRows).as("rows of the dashboards' firing-alert panels").isEmpty();
        promise.assertThat(alertStates).as("alert rules loaded").isNotEmpty();
        promise.assertThat(alertStates.stream().filter(state -> state.endsWith(": firing")).toList())
                .as("glsmon alerts firing on the demo without incidents").isEmpty();
        promise.assertThat(leftContainers).as("containers left after down").isEmpty();
        promise.assertThat(leftVolumes).as("volumes left after down -v").isEmpty();
        promise.assertAll();
    }

    /**
     * The built-in demo scenario without its incidents. The demo repeats a us-west-2 crash spike and an
     * eu-central-1 capacity drop by design, and at x60 they fill Prometheus's 5-minute windows: the
     * alerts they raise are the alerts doing their job. Without them every glsmon alert must stay silent.
     */
    private static Path demoWithoutIncidents(Path target) throws IOException {
        try (InputStream in = ComposeStackIT.class.getClassLoader().getResourceAsStream(DEMO)) {
            if (in == null) {
                throw new IllegalStateException(DEMO + " is not on the test classpath (glsmon-simulator)");
            }
            ObjectNode scenario = (ObjectNode) JSON.readTree(in);
            assertThat(scenario.remove("incidents")).as("the demo's incidents").isNotEmpty();
            scenario.put("name", scenario.path("name").asText() + " without incidents");
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), scenario);
        }
        return target;
    }

    /** One reading of both clocks, and how long it took: the reading is only as exact as its round trip. */
    private record Reading(SimulatorTime time, Duration roundTrip) {}

    /**
     * The simulator's virtual time now, read from its admin endpoint, with the wall time of the reading:
     * the quickest of up to twenty readings, since at x60 every wall millisecond of doubt is 60 simulated
     * ones. The simulator read its clock somewhere within the round trip; the reading is anchored at the
     * round trip's start, so a mapped observation can come out late by up to the round trip (x60), never
     * early. An early mapping made observations taken just after a change look as if they preceded it
     * (74 "false" transitions in a run whose first reading took 21 ms), while a late one costs nothing
     * the judge cares about: a termination may be three polls late.
     */
    private static Reading simulatorTime(URI simulator, double timeScale) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(simulator.resolve("/_glsmon/state")).timeout(Duration.ofSeconds(10)).build();
        Reading best = null;
        for (int reading = 0; reading < 20 && (best == null || best.roundTrip().toMillis() > 2); reading++) {
            Instant before = Instant.now();
            HttpResponse<String> state = client.send(request, HttpResponse.BodyHandlers.ofString());
            Duration roundTrip = Duration.between(before, Instant.now());
            if (best == null || roundTrip.compareTo(best.roundTrip()) < 0) {
                best = new Reading(new SimulatorTime(before,
                        Instant.parse(JSON.readTree(state.body()).path("virtualTime").asText()), timeScale), roundTrip);
            }
        }
        System.out.printf("simulator time read within %d ms%n", best.roundTrip().toMillis());
        return best;
    }
}
