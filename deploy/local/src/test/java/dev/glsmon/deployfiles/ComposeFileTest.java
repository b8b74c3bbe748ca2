package dev.glsmon.deployfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/compose/docker-compose.yml, as docker-compose itself resolves it (anchors, merge keys,
 * relative paths): that is the file's meaning, whichever docker-compose version reads it.
 */
class ComposeFileTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private static JsonNode services;

    static Path composeFile() {
        return DeployFiles.deploy("compose/docker-compose.yml");
    }

    static Tools.Result compose(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Tools.require("docker-compose", "docker-compose").toString(), "-f", composeFile().toString()));
        command.addAll(List.of(arguments));
        return Tools.run(composeFile().getParent(), TIMEOUT, command);
    }

    @BeforeAll
    static void resolveEveryProfile() throws IOException {
        services = resolvedServices();
    }

    /** The services of every profile as docker-compose resolves them. */
    static JsonNode resolvedServices() throws IOException {
        Tools.Result result = compose("--profile", "demo", "--profile", "aws", "config");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return new YAMLMapper().readTree(result.stdout()).path("services");
    }

    @Test
    void configIsValidWithoutAProfile() {
        Tools.Result result = compose("config", "--quiet");

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "aws"})
    void configIsValidWithProfile(String profile) {
        Tools.Result result = compose("--profile", profile, "config", "--quiet");

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void theDemoProfileRunsTheSimulatorAndAPollerThatPollsIt() {
        int simulatorPort = Integer.parseInt(env(service("simulator")).get("GLSMON_HTTP_PORT"));

        assertThat(profiles(service("simulator"))).containsExactly("demo");
        assertThat(profiles(service("poller"))).containsExactly("demo");
        assertThat(env(service("poller"))).containsEntry("GLSMON_ENDPOINT_URL", "http://simulator:" + simulatorPort);
        assertThat(env(service("simulator"))).containsEntry("GLSMON_HTTP_BIND", "0.0.0.0");
    }

    @Test
    void theAwsProfileRunsAPollerReachableUnderTheSameName() {
        assertThat(profiles(service("poller-aws"))).containsExactly("aws");
        assertThat(env(service("poller-aws"))).doesNotContainKey("GLSMON_ENDPOINT_URL");
        assertThat(aliases(service("poller-aws"))).contains("poller");
    }

    @Test
    void kafkaAndPrometheusRunInEveryProfileTheProcessorInEachAndGrafanaOnRequest() {
        for (String name : List.of("kafka", "prometheus")) {
            assertThat(profiles(service(name))).as(name + " profiles").isEmpty();
        }
        assertThat(profiles(service("processor"))).containsExactly("demo");
        assertThat(profiles(service("processor-aws"))).containsExactly("aws");
        assertThat(aliases(service("processor-aws"))).contains("processor");
        assertThat(profiles(service("grafana"))).containsExactly("grafana");
    }

    @Test
    void theDemoExportsOnlyUnderThePrefixItsPollerAllows() {
        String allowed = env(service("poller")).get("GLSMON_EXPORT_ALLOWED_PREFIXES");

        assertThat(allowed).isNotBlank();
        assertThat(env(service("processor"))).containsEntry("GLSMON_EXPORT_ALLOWED_PREFIXES", allowed);
        assertThat(env(service("processor")).get("GLSMON_EXPORT_OUTPUT_URI")).startsWith(allowed);
        assertThat(env(service("processor-aws"))).doesNotContainKeys("GLSMON_EXPORT_CLIENT_DISCONNECT",
                "GLSMON_EXPORT_ERROR_RATE");
    }

    @Test
    void glsmonServicesUseOnlyDocumentedEnvironmentVariables() {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String program = DeployContract.programOfImage(entry.getValue().path("image").asText());
            if (program == null) {
                continue;
            }
            for (String name : env(entry.getValue()).keySet()) {
                boolean allowed = name.startsWith("GLSMON_")
                        ? DeployContract.glsmonEnvironmentVariables(program).contains(name)
                        : DeployContract.PLATFORM_ENVIRONMENT_VARIABLES.contains(name);
                if (!allowed) {
                    problems.add(entry.getKey() + " (" + program + "): " + name);
                }
            }
        }

        assertThat(problems).as("environment variables that are no option of the program").isEmpty();
    }

    @Test
    void glsmonServicesListenOnTheirDefaultPortPublishItAndCheckHealthzThere() {
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode service = entry.getValue();
            String program = DeployContract.programOfImage(service.path("image").asText());
            if (program == null) {
                continue;
            }
            int port = DeployContract.defaultPort(program);
            String healthcheck = String.join(" ", PrometheusRulesTest.textList(service.path("healthcheck").path("test")));

            assertThat(env(service)).as(entry.getKey()).containsEntry(DeployContract.portVariable(program), String.valueOf(port));
            assertThat(ports(service)).as(entry.getKey() + " ports").contains(port + ":" + port);
            assertThat(healthcheck).as(entry.getKey() + " healthcheck").isEqualTo("CMD glsmon-healthcheck http " + port
                    + (program.equals("simulator") ? " /_glsmon/healthz" : " /healthz"));
        }
    }

    @Test
    void pollerAndProcessorWaitForAHealthyKafkaAndReachItOnItsInternalListener() {
        String internal = internalKafkaListener();
        for (String name : List.of("poller", "poller-aws", "processor", "processor-aws")) {
            JsonNode service = service(name);

            assertThat(service.path("depends_on").path("kafka").path("condition").asText()).as(name).isEqualTo("service_healthy");
            assertThat(env(service)).as(name).containsEntry("GLSMON_BOOTSTRAP_SERVERS", internal);
        }
    }

    @Test
    void theProcessorKeepsItsStateDirectoryOnAVolume() {
        String stateDir = env(service("processor")).get("GLSMON_STATE_DIR");

        assertThat(stateDir).isNotBlank();
        assertThat(volumes(service("processor"))).anySatisfy(volume -> assertThat(volume).endsWith(":" + stateDir));
    }

    @Test
    void prometheusScrapesComposeServicesOnTheirPortsAndMountsTheRules() {
        JsonNode config = DeployFiles.readYaml(DeployFiles.deploy("prometheus/prometheus-compose.yml"));
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        services.forEach(service -> names.addAll(aliases(service)));

        for (Map.Entry<String, String> job : PrometheusRulesTest.jobs(config).entrySet()) {
            if (job.getKey().equals("prometheus")) {
                continue;
            }
            String host = job.getValue().substring(0, job.getValue().indexOf(':'));
            assertThat(names).as(job.getKey() + " target " + job.getValue()).contains(host);
        }
        Path prometheusDir = DeployFiles.deploy("prometheus");
        assertThat(volumes(service("prometheus")))
                .contains(prometheusDir.resolve("prometheus-compose.yml") + ":/etc/prometheus/prometheus.yml")
                .contains(prometheusDir.resolve("rules") + ":/etc/prometheus/rules");
    }

    @Test
    void everyMountedHostPathExists() {
        List<String> missing = new ArrayList<>();
        services.forEach(service -> {
            for (String volume : volumes(service)) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith("/") && !Files.exists(Path.of(source))) {
                    missing.add(volume);
                }
            }
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void kafkaAndPrometheusRunTheImagesBuiltHereAndCheckTheirHealth() throws IOException {
        assertThat(service("kafka").path("image").asText()).isEqualTo("glsmon/kafka:latest");
        assertThat(Files.readString(DeployFiles.repoRoot().resolve("deploy/embedded-broker/pom.xml")))
                .as("the broker module builds glsmon/kafka").contains("<image>glsmon/kafka:${project.version}</image>");
        assertThat(service("prometheus").path("image").asText()).isEqualTo("glsmon/prometheus:latest");
        assertThat(String.join(" ", PrometheusRulesTest.textList(service("kafka").path("healthcheck").path("test"))))
                .isEqualTo("CMD glsmon-healthcheck kafka " + internalKafkaListener().split(":")[1]);
        assertThat(String.join(" ", PrometheusRulesTest.textList(service("prometheus").path("healthcheck").path("test"))))
                .isEqualTo("CMD glsmon-healthcheck http 9090 /-/ready");
    }

    /** host:port of the listener the broker advertises to containers (its inter-broker listener). */
    private static String internalKafkaListener() {
        Map<String, String> properties = new java.util.HashMap<>();
        for (String property : env(service("kafka")).get("GLSMON_KAFKA_PROPERTY").split(",\\s*(?=[\\w.-]+=)")) {
            properties.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        String advertised = properties.get("advertised.listeners");
        String broker = properties.get("inter.broker.listener.name");
        for (String listener : advertised.split(",")) {
            if (listener.startsWith(broker + "://")) {
                return listener.substring(broker.length() + 3);
            }
        }
        throw new AssertionError("no advertised listener " + broker + " in " + advertised);
    }

    static JsonNode service(String name) {
        JsonNode service = services.path(name);
        assertThat(service.isMissingNode()).as("service " + name).isFalse();
        return service;
    }

    static List<String> profiles(JsonNode service) {
        return PrometheusRulesTest.textList(service.path("profiles"));
    }

    /** Environment as a map (values null when passed through from the caller's environment). */
    static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new java.util.TreeMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String text = item.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
        } else {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return env;
    }

    /** published:target, from the short or the long syntax. */
    static List<String> ports(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.path("ports")) {
            ports.add(port.isTextual() ? port.asText() : port.path("published").asText() + ":" + port.path("target").asText());
        }
        return ports;
    }

    /** source:target, from the short or the long syntax (mode dropped). */
    static List<String> volumes(JsonNode service) {
        List<String> volumes = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                volumes.add(parts[0] + ":" + parts[1]);
            } else {
                volumes.add(volume.path("source").asText() + ":" + volume.path("target").asText());
            }
        }
        return volumes;
    }

    static List<String> aliases(JsonNode service) {
        List<String> aliases = new ArrayList<>();
        JsonNode networks = service.path("networks");
        if (networks.isObject()) {
            networks.forEach(network -> aliases.addAll(PrometheusRulesTest.textList(network.path("aliases"))));
        }
        return aliases;
    }
}
