package dev.glsmon.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What deploy/compose and deploy/k8s ask of the images. The compose file is read as docker-compose
 * resolves it (anchors, merge keys, defaults), with no GLSMON_ variable of this shell leaking in.
 */
final class Deployments {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Path repoRoot;
    private final JsonNode services;

    private Deployments(Path repoRoot, JsonNode services) {
        this.repoRoot = repoRoot;
        this.services = services;
    }

    static Deployments read(Path repoRoot) throws IOException {
        Path compose = repoRoot.resolve("deploy/compose/docker-compose.yml");
        Processes.Result config = Processes.check(Processes.run(TIMEOUT,
                List.of("docker-compose", "-f", compose.toString(), "--profile", "demo", "--profile", "aws", "config"),
                "GLSMON_"));
        return new Deployments(repoRoot, YAML.readTree(config.stdout()).path("services"));
    }

    /** The compose service that runs {@code program} (the poller of the demo profile for the poller). */
    JsonNode composeService(String program) {
        JsonNode service = services.path(program);
        if (service.isMissingNode()) {
            throw new AssertionError("no compose service " + program);
        }
        return service;
    }

    String composeImage(String program) {
        return composeService(program).path("image").asText();
    }

    Map<String, String> composeEnv(String program) {
        Map<String, String> env = new TreeMap<>();
        JsonNode environment = composeService(program).path("environment");
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String[] parts = item.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        } else {
            environment.properties().forEach(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return env;
    }

    /** The services {@code docker-compose --profile PROFILE up} starts: those without a profile and those of PROFILE. */
    List<String> composeServicesOfProfile(String profile) {
        List<String> names = new ArrayList<>();
        services.properties().forEach(service -> {
            JsonNode profiles = service.getValue().path("profiles");
            boolean inProfile = profiles.isEmpty();
            for (JsonNode name : profiles) {
                inProfile |= name.asText().equals(profile);
            }
            if (inProfile) {
                names.add(service.getKey());
            }
        });
        return names;
    }

    /** The host side of each published port of a service. */
    List<Integer> composeHostPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : composeService(service).path("ports")) {
            String text = port.isTextual() ? port.asText() : port.path("published").asText();
            ports.add(Integer.parseInt(text.contains(":") ? text.substring(0, text.indexOf(':')) : text));
        }
        return ports;
    }

    /** The container side of each published port. */
    List<Integer> composeContainerPorts(String program) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : composeService(program).path("ports")) {
            String text = port.isTextual() ? port.asText() : port.path("target").asText();
            ports.add(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1).replace("/tcp", "")));
        }
        return ports;
    }

    /** The healthcheck's command without its CMD marker: ["bash", "-c", "..."]. */
    List<String> composeHealthcheck(String program) {
        List<String> test = new ArrayList<>();
        composeService(program).path("healthcheck").path("test").forEach(item -> test.add(item.asText()));
        if (test.isEmpty() || !test.get(0).equals("CMD")) {
            throw new AssertionError(program + ": healthcheck is not a CMD list: " + test);
        }
        return test.subList(1, test.size());
    }

    /** The image the Kubernetes manifest of {@code program} runs. */
    String kubernetesImage(String program) {
        return kubernetesField(program, "image:\\s*(\\S+)");
    }

    /** runAsUser:runAsGroup of the Kubernetes manifest of {@code program}. */
    String kubernetesUser(String program) {
        return kubernetesField(program, "runAsUser:\\s*(\\d+)") + ":" + kubernetesField(program, "runAsGroup:\\s*(\\d+)");
    }

    private String kubernetesField(String program, String regex) {
        Path manifest = repoRoot.resolve("deploy/k8s/" + program + ".yaml");
        try {
            Matcher matcher = Pattern.compile(regex).matcher(Files.readString(manifest));
            if (!matcher.find()) {
                throw new AssertionError(manifest + " has no " + regex);
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
