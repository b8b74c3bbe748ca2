package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glsmon.deployfiles.KubernetesManifestsTest.Container;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s runs the programs that the compose file's aws profile runs (poller-aws, processor-aws:
 * both against AWS; the simulator is the demo's and has no manifest), so each Kubernetes container
 * and its compose service must agree on the image, the port, the GLSMON_ settings they pass and the
 * probe. The compose stack is the one started for real (ComposeStackIT); this keeps the manifests,
 * which no test here can apply, on the same terms.
 */
class ComposeAndKubernetesAgreeTest {

    private static JsonNode services;
    private static List<Container> containers;

    @BeforeAll
    static void readBoth() throws IOException {
        services = ComposeFileTest.resolvedServices();
        containers = KubernetesManifestsTest.containers();
    }

    @Test
    void everyKubernetesProgramHasItsComposeServiceOfTheAwsProfile() {
        Set<String> programs = new TreeSet<>();
        containers.forEach(container -> programs.add(container.program()));

        assertThat(programs).containsExactlyInAnyOrder("poller", "processor");
        for (String program : programs) {
            assertThat(ComposeFileTest.profiles(composeService(program))).as(program).containsExactly("aws");
        }
    }

    @Test
    void theSameImageNames() {
        Set<String> kustomized = new TreeSet<>();
        DeployFiles.readYaml(DeployFiles.deploy("k8s/kustomization.yaml")).path("images")
                .forEach(image -> kustomized.add(image.path("name").asText()));
        SoftAssertions agree = new SoftAssertions();
        for (Container container : containers) {
            String kubernetes = imageName(container.container().path("image").asText());
            agree.assertThat(kubernetes).as(container + " image").isEqualTo(imageName(composeService(container.program())
                    .path("image").asText()));
            agree.assertThat(kustomized).as("kustomization images").contains(kubernetes);
        }
        agree.assertAll();
    }

    @Test
    void theSamePorts() {
        SoftAssertions agree = new SoftAssertions();
        for (Container container : containers) {
            JsonNode service = composeService(container.program());
            List<String> kubernetes = new ArrayList<>();
            container.container().path("ports").forEach(port -> kubernetes.add(port.path("containerPort").asText()));
            List<String> compose = new ArrayList<>();
            ComposeFileTest.ports(service).forEach(port -> compose.add(port.substring(port.lastIndexOf(':') + 1)));
            String portVariable = DeployContract.portVariable(container.program());

            agree.assertThat(kubernetes).as(container + " container ports").containsExactlyInAnyOrderElementsOf(compose);
            agree.assertThat(container.envValue(portVariable)).as(container + " " + portVariable)
                    .isEqualTo(ComposeFileTest.env(service).get(portVariable));
        }
        agree.assertAll();
    }

    /**
     * The same GLSMON_ settings by name, and the same value where both files fix one (the port, the
     * state directory); the rest (Kafka address, Region) is the user's. Credentials differ by design:
     * compose passes AWS_* through, Kubernetes binds an IAM role to the service account.
     */
    @Test
    void theSameSettings() {
        SoftAssertions agree = new SoftAssertions();
        for (Container container : containers) {
            Map<String, String> compose = glsmonSettings(ComposeFileTest.env(composeService(container.program())));
            Map<String, String> kubernetes = new TreeMap<>();
            container.env().forEach((name, variable) -> {
                if (name.startsWith("GLSMON_")) {
                    kubernetes.put(name, variable.path("value").asText(null));
                }
            });

            agree.assertThat(kubernetes.keySet()).as(container + " GLSMON_ settings")
                    .containsExactlyInAnyOrderElementsOf(compose.keySet());
            kubernetes.forEach((name, value) -> {
                if (value != null && compose.get(name) != null && !name.equals("GLSMON_BOOTSTRAP_SERVERS")) {
                    agree.assertThat(value).as(container + " " + name).isEqualTo(compose.get(name));
                }
            });
        }
        agree.assertAll();
    }

    @Test
    void theStateDirectoryIsAVolumeInBoth() {
        Container processor = containers.stream().filter(c -> c.program().equals("processor")).findFirst().orElseThrow();
        String stateDir = processor.envValue("GLSMON_STATE_DIR");
        List<String> mounts = new ArrayList<>();
        processor.container().path("volumeMounts").forEach(mount -> mounts.add(mount.path("mountPath").asText()));

        assertThat(mounts).as(processor + " mounts").contains(stateDir);
        assertThat(ComposeFileTest.volumes(composeService("processor")))
                .as("processor-aws volumes").anySatisfy(volume -> assertThat(volume).endsWith(":" + stateDir));
    }

    /**
     * Compose's one healthcheck is Kubernetes's liveness and startup probe: the same path on the same
     * port; Kubernetes gives a starting container at least compose's start period.
     */
    @Test
    void theSameProbes() {
        SoftAssertions agree = new SoftAssertions();
        for (Container container : containers) {
            JsonNode service = composeService(container.program());
            List<String> healthcheck = PrometheusRulesTest.textList(service.path("healthcheck").path("test"));
            // ["CMD", "glsmon-healthcheck", "http", PORT, PATH]
            agree.assertThat(healthcheck.subList(0, 3)).as(container.program() + "-aws healthcheck")
                    .containsExactly("CMD", "glsmon-healthcheck", "http");
            String port = healthcheck.get(3);
            String path = healthcheck.get(4);
            for (String probe : List.of("livenessProbe", "startupProbe")) {
                JsonNode httpGet = container.container().path(probe).path("httpGet");
                JsonNode probePort = KubernetesManifestsTest.port(container.container(), httpGet.path("port").asText());
                agree.assertThat(httpGet.path("path").asText()).as(container + " " + probe + " path").isEqualTo(path);
                agree.assertThat(probePort).as(container + " " + probe + " port").isNotNull();
                if (probePort != null) {
                    agree.assertThat(probePort.path("containerPort").asText()).as(container + " " + probe + " port")
                            .isEqualTo(port);
                }
            }
            JsonNode startup = container.container().path("startupProbe");
            Duration kubernetesStart = Duration.ofSeconds(
                    (long) startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3));
            agree.assertThat(kubernetesStart).as(container + " startup budget")
                    .isGreaterThanOrEqualTo(composeDuration(service.path("healthcheck").path("start_period").asText("0s")));
        }
        agree.assertAll();
    }

    private static JsonNode composeService(String program) {
        JsonNode service = services.path(program + "-aws");
        assertThat(service.isMissingNode()).as("compose service " + program + "-aws").isFalse();
        return service;
    }

    private static Map<String, String> glsmonSettings(Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("GLSMON_")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** glsmon/poller:0.1.0-SNAPSHOT -> glsmon/poller */
    private static String imageName(String image) {
        return image.contains(":") ? image.substring(0, image.indexOf(':')) : image;
    }

    /** docker-compose config writes durations as Go does: 30s, 1m30s. */
    private static Duration composeDuration(String text) {
        return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
    }
}
