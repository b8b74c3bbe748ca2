package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/k8s: the manifests agree with each other and with the programs' options and ports. */
class KubernetesManifestsTest {

    /** A manifest document and the file it came from. */
    record Manifest(Path file, JsonNode object) {
        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file.getFileName() + " " + kind() + "/" + name();
        }
    }

    /** A container of a workload, with the program its image runs. */
    record Container(Manifest workload, JsonNode container, String program) {
        @Override
        public String toString() {
            return workload + " container " + container.path("name").asText();
        }

        Map<String, JsonNode> env() {
            Map<String, JsonNode> env = new TreeMap<>();
            container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
            return env;
        }

        String envValue(String name) {
            JsonNode variable = env().get(name);
            return variable == null ? null : variable.path("value").asText(null);
        }

        JsonNode podTemplate() {
            return workload.object().path("spec").path("template");
        }
    }

    static List<Path> manifestFiles() {
        return DeployFiles.filesIn(DeployFiles.deploy("k8s"), ".yaml", ".yml").stream()
                .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    static List<Manifest> manifests() {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : manifestFiles()) {
            DeployFiles.readYamlDocuments(file).forEach(object -> manifests.add(new Manifest(file, object)));
        }
        return manifests;
    }

    static List<Manifest> ofKind(String kind) {
        return manifests().stream().filter(manifest -> manifest.kind().equals(kind)).toList();
    }

    static Manifest named(String kind, String name) {
        return ofKind(kind).stream().filter(manifest -> manifest.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in deploy/k8s"));
    }

    static List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        for (Manifest manifest : manifests()) {
            if (Set.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(manifest.kind())) {
                for (JsonNode container : manifest.object().path("spec").path("template").path("spec").path("containers")) {
                    containers.add(new Container(manifest, container, DeployContract.programOfImage(container.path("image").asText())));
                }
            }
        }
        return containers;
    }

    static JsonNode port(JsonNode container, String nameOrNumber) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(nameOrNumber) || port.path("containerPort").asText().equals(nameOrNumber)) {
                return port;
            }
        }
        return null;
    }

    @Test
    void everyManifestHasAKindANameAndLivesInTheGlsmonNamespace() {
        assertThat(manifests()).isNotEmpty().allSatisfy(manifest -> {
            assertThat(manifest.object().path("apiVersion").asText()).as(manifest.toString()).isNotBlank();
            assertThat(manifest.name()).as(manifest.toString()).isNotBlank();
            if (!manifest.kind().equals("Namespace")) {
                assertThat(manifest.object().path("metadata").path("namespace").asText()).as(manifest.toString()).isEqualTo("glsmon");
            }
        });
        assertThat(named("Namespace", "glsmon")).isNotNull();
    }

    @Test
    void theProcessorIsAStatefulSetWithItsStateDirectoryOnAPersistentVolumeClaim() {
        Manifest statefulSet = named("StatefulSet", "glsmon-processor");
        Container processor = containers().stream().filter(c -> "processor".equals(c.program())).findFirst().orElseThrow();
        String stateDir = processor.envValue("GLSMON_STATE_DIR");
        Set<String> claims = new TreeSet<>();
        statefulSet.object().path("spec").path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));

        assertThat(processor.workload()).isEqualTo(statefulSet);
        assertThat(stateDir).as("GLSMON_STATE_DIR").isNotBlank();
        assertThat(DeployFiles.elements(processor.container().path("volumeMounts")))
                .as("a volume claim template mounted at GLSMON_STATE_DIR")
                .anySatisfy(mount -> {
                    assertThat(mount.path("mountPath").asText()).isEqualTo(stateDir);
                    assertThat(claims).contains(mount.path("name").asText());
                });
        String serviceName = statefulSet.object().path("spec").path("serviceName").asText();
        assertThat(named("Service", serviceName).object().path("spec").path("clusterIP").asText()).isEqualTo("None");
    }

    @Test
    void thePollerIsADeployment() {
        assertThat(containers()).filteredOn(c -> "poller".equals(c.program()))
                .singleElement()
                .satisfies(poller -> assertThat(poller.workload().kind()).isEqualTo("Deployment"));
    }

    @Test
    void containersUseOnlyDocumentedEnvironmentVariables() {
        List<String> problems = new ArrayList<>();
        for (Container container : containers()) {
            for (String name : container.env().keySet()) {
                boolean allowed = name.startsWith("GLSMON_")
                        ? container.program() != null && DeployContract.glsmonEnvironmentVariables(container.program()).contains(name)
                        : DeployContract.PLATFORM_ENVIRONMENT_VARIABLES.contains(name);
                if (!allowed) {
                    problems.add(container + ": " + name);
                }
            }
            if (container.container().has("envFrom")) {
                problems.add(container + ": envFrom hides which variables the program gets; name each one");
            }
        }

        assertThat(problems).as("environment variables that are no option of the program").isEmpty();
    }

    @Test
    void configMapReferencesNameExistingKeys() {
        List<String> problems = new ArrayList<>();
        for (Container container : containers()) {
            for (JsonNode variable : container.env().values()) {
                JsonNode ref = variable.path("valueFrom").path("configMapKeyRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                JsonNode data = named("ConfigMap", ref.path("name").asText()).object().path("data");
                if (!data.has(ref.path("key").asText())) {
                    problems.add(container + ": " + variable.path("name").asText() + " -> missing key " + ref.path("key").asText());
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void probesScrapeAnnotationsAndServicesUseTheProgramsHttpPort() {
        for (Container container : containers()) {
            String program = container.program();
            assertThat(program).as(container + " runs a glsmon image").isNotNull();
            int expectedPort = DeployContract.defaultPort(program);
            JsonNode http = port(container.container(), "http");
            JsonNode annotations = container.podTemplate().path("metadata").path("annotations");

            assertThat(http).as(container + ": a port named http").isNotNull();
            assertThat(http.path("containerPort").asInt()).as(container + " containerPort").isEqualTo(expectedPort);
            assertThat(container.envValue(DeployContract.portVariable(program))).as(container + " port variable")
                    .isEqualTo(String.valueOf(expectedPort));
            assertThat(container.container().path("readinessProbe").path("httpGet").path("path").asText())
                    .as(container + " readiness").isEqualTo("/readyz");
            assertThat(container.container().path("livenessProbe").path("httpGet").path("path").asText())
                    .as(container + " liveness").isEqualTo("/healthz");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                JsonNode probePort = container.container().path(probe).path("httpGet").path("port");
                if (!probePort.isMissingNode()) {
                    assertThat(port(container.container(), probePort.asText())).as(container + " " + probe + " port").isEqualTo(http);
                }
            }
            assertThat(annotations.path("prometheus.io/scrape").asText()).as(container + " scrape annotation").isEqualTo("true");
            assertThat(annotations.path("prometheus.io/port").asText()).as(container + " scrape port").isEqualTo(String.valueOf(expectedPort));
            assertThat(annotations.path("prometheus.io/path").asText()).as(container + " scrape path").isEqualTo("/metrics");
        }
    }

    @Test
    void everyServiceSelectsPodsAndTargetsAPortTheyExpose() {
        for (Manifest service : ofKind("Service")) {
            JsonNode selector = service.object().path("spec").path("selector");
            List<Container> selected = containers().stream()
                    .filter(c -> matches(selector, c.podTemplate().path("metadata").path("labels")))
                    .toList();

            assertThat(selector.isEmpty()).as(service + " has a selector").isFalse();
            assertThat(selected).as(service + " selects pods").isNotEmpty();
            for (JsonNode servicePort : service.object().path("spec").path("ports")) {
                String target = servicePort.path("targetPort").asText(servicePort.path("port").asText());
                assertThat(selected).as(service + " targetPort " + target)
                        .allSatisfy(c -> assertThat(port(c.container(), target)).isNotNull());
            }
        }
    }

    @Test
    void servicesForPrometheusAreNamedAfterTheJobsTheAlertsWatch() {
        Set<String> scraped = new TreeSet<>();
        ofKind("Service").stream()
                .filter(s -> s.object().path("metadata").path("labels").path("glsmon.dev/scrape").asText().equals("true"))
                .forEach(s -> scraped.add(s.name()));
        JsonNode monitor = named("ServiceMonitor", "glsmon").object().path("spec");

        assertThat(scraped).containsExactlyInAnyOrder("glsmon-poller", "glsmon-processor");
        assertThat(monitor.path("selector").path("matchLabels").path("glsmon.dev/scrape").asText()).isEqualTo("true");
        assertThat(monitor.path("endpoints").path(0).path("port").asText()).isEqualTo("http");
        assertThat(monitor.path("endpoints").path(0).path("path").asText()).isEqualTo("/metrics");
    }

    @Test
    void everyContainerHasCpuAndMemoryRequestsAndLimits() {
        for (Container container : containers()) {
            JsonNode resources = container.container().path("resources");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(resources.path(kind).path(resource).asText())
                            .as(container + " " + kind + "." + resource).isNotBlank();
                }
            }
        }
    }

    @Test
    void kustomizationListsEveryManifestButTheOptionalServiceMonitor() {
        JsonNode kustomization = DeployFiles.readYaml(DeployFiles.deploy("k8s/kustomization.yaml"));
        Set<String> expected = new TreeSet<>();
        manifestFiles().forEach(file -> expected.add(file.getFileName().toString()));
        expected.remove("servicemonitor.yaml");

        assertThat(PrometheusRulesTest.textList(kustomization.path("resources"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        boolean all = true;
        for (var it = selector.fields(); it.hasNext(); ) {
            var entry = it.next();
            all &= labels.path(entry.getKey()).asText().equals(entry.getValue().asText());
        }
        return all;
    }
}
