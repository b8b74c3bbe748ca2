package dev.glsmon.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/compose/docker-compose.yml run by podman-compose with Debian's podman, as a user without
 * a Docker engine would run it: images loaded from the build's tarballs, services started by name
 * (podman-compose 1.0.3 has no --profile), their compose healthchecks run until they pass, and
 * everything removed at the end. Podman gets the two settings this kind of machine needs
 * (shared/notes/podman.md) from a containers.conf of its own, never the machine's.
 */
final class ComposeStack implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path composeFile;
    private final List<Path> overrides;
    private final String project;
    private final Map<String, String> env;
    private final List<String> services;

    private ComposeStack(Path composeFile, List<Path> overrides, String project, Path containersConf, List<String> services) {
        this.composeFile = composeFile;
        this.overrides = List.copyOf(overrides);
        this.project = project;
        this.env = Map.of("CONTAINERS_CONF", containersConf.toString());
        this.services = List.copyOf(services);
    }

    /** Writes the podman settings into {@code workDir}; fails naming the Debian packages when the tools are missing. */
    static ComposeStack prepare(Path composeFile, List<Path> overrides, String project, Path workDir,
            List<String> services) throws IOException {
        for (String tool : List.of("podman", "podman-compose", "runc")) {
            if (Processes.run(Duration.ofSeconds(10), "sh", "-c", "command -v " + tool).exitCode() != 0) {
                throw new IllegalStateException(tool + " is missing: apt-get install podman runc podman-compose"
                        + " netavark aardvark-dns (.ci/run installs them)");
            }
        }
        Path conf = workDir.resolve("containers.conf");
        // crun fails here (RLIMIT_NOFILE, hybrid cgroups); runc without default ulimits works
        Files.writeString(conf, "[containers]\ndefault_ulimits = []\n[engine]\nruntime = \"runc\"\n");
        return new ComposeStack(composeFile, overrides, project, conf, services);
    }

    /** {@code podman load} of a {@code docker save} tarball. */
    void load(Path tarball) {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException(tarball + " is missing: build the images first (mvn -Pimages package)");
        }
        podman("load", "-q", "-i", tarball.toString());
    }

    /** Fails naming the port when a port the services publish is taken on this machine. */
    static void requireFree(List<Integer> ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port));
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " that compose publishes is in use on this machine", e);
            }
        }
    }

    void up() {
        List<String> command = composeCommand();
        command.addAll(List.of("up", "-d"));
        command.addAll(services);
        Processes.check(Processes.run(COMMAND_TIMEOUT, command, env, "GLSMON_"));
    }

    /**
     * Runs each service's compose healthcheck ({@code podman healthcheck run}) until it passes; the
     * time each took from now. Fails naming the service and its log when one does not pass in time.
     */
    Map<String, Duration> awaitHealthy(Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Map<String, Duration> healthyAfter = new LinkedHashMap<>();
        for (String service : services) {
            while (true) {
                Processes.Result check = podmanRun("healthcheck", "run", container(service));
                if (check.exitCode() == 0) {
                    healthyAfter.put(service, Duration.between(start, Instant.now()));
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(service + " not healthy after " + timeout + ": " + check.describe()
                            + "\nlog:\n" + logs(service));
                }
                Thread.sleep(1000);
            }
        }
        return healthyAfter;
    }

    String container(String service) {
        return project + "_" + service + "_1";
    }

    /** The last lines a service's container printed. */
    String logs(String service) {
        Processes.Result logs = podmanRun("logs", "--tail", "60", container(service));
        return logs.stdout() + logs.stderr();
    }

    /** Stops a service's container (it stays, stopped, until the stack goes). */
    void stop(String service) {
        podman("stop", "-t", "10", container(service));
    }

    /** Copies a file out of a service's container (running or stopped). */
    void copyOut(String service, String path, Path target) {
        podman("cp", container(service) + ":" + path, target.toString());
    }

    /** The project's containers that exist (any state), by name. */
    List<String> containers() {
        return names(podman("ps", "-a", "--filter", "label=io.podman.compose.project=" + project, "--format", "json"));
    }

    /** The project's volumes that exist. */
    List<String> volumes() {
        List<String> names = new ArrayList<>();
        for (String line : podman("volume", "ls", "-q").stdout().split("\n")) {
            if (line.startsWith(project + "_")) {
                names.add(line);
            }
        }
        return names;
    }

    /** {@code podman-compose down -v}, then the project's network. */
    @Override
    public void close() {
        List<String> command = composeCommand();
        command.addAll(List.of("down", "-v"));
        Processes.Result down = Processes.run(COMMAND_TIMEOUT, command, env, "GLSMON_");
        podmanRun("network", "rm", "-f", project + "_default");
        if (down.exitCode() != 0) {
            throw new AssertionError(down.describe());
        }
    }

    private List<String> composeCommand() {
        List<String> command = new ArrayList<>(List.of("podman-compose", "-p", project, "-f", composeFile.toString()));
        overrides.forEach(file -> command.addAll(List.of("-f", file.toString())));
        return command;
    }

    private Processes.Result podman(String... arguments) {
        return Processes.check(podmanRun(arguments));
    }

    private Processes.Result podmanRun(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return Processes.run(COMMAND_TIMEOUT, command, env, "");
    }

    private static List<String> names(Processes.Result json) {
        List<String> names = new ArrayList<>();
        try {
            for (JsonNode container : JSON.readTree(json.stdout().isBlank() ? "[]" : json.stdout())) {
                container.path("Names").forEach(name -> names.add(name.asText() + " (" + container.path("State").asText() + ")"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("podman ps answered no JSON: " + json.stdout(), e);
        }
        return names;
    }
}
