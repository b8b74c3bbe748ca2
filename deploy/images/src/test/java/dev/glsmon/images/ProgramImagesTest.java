package dev.glsmon.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.PollerCommand;
import dev.glsmon.processor.ProcessorMain;
import dev.glsmon.simulator.cli.SimulatorCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * The images that jib built in this build (profile images), unpacked and run as a container runtime
 * would run them, without a Docker engine, and held to what deploy/compose and deploy/k8s expect of
 * them: names and tags, ports, user, writable state directory, options, healthcheck.
 */
class ProgramImagesTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String LISTENING = "glsmon simulator listening on ";

    private static Path work;
    private static final Map<String, ImageArchive> IMAGES = new HashMap<>();
    private static Deployments deployments;

    @BeforeAll
    static void unpackTheImages() throws IOException {
        Path repoRoot = Path.of(System.getProperty("glsmon.repoRoot", "../..")).toRealPath();
        deployments = Deployments.read(repoRoot);
        work = Files.createTempDirectory("glsmon-images");
        Path layers = Files.createDirectories(work.resolve("layers"));
        for (String program : List.of("poller", "processor", "simulator")) {
            IMAGES.put(program, ImageArchive.unpack(repoRoot.resolve(program).resolve("target/jib-image.tar"),
                    Files.createDirectories(work.resolve(program)), layers));
        }
    }

    /** rm, not JUnit's @TempDir: the images hold absolute symlinks, and rm never leaves this file system. */
    @AfterAll
    static void removeTheImages() {
        if (work != null) {
            Processes.check(Processes.run(RUN_TIMEOUT, "rm", "-rf", "--one-file-system", work.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"poller", "processor", "simulator"})
    void imageCarriesTheNamesComposeAndKubernetesRunItBy(String program) {
        assertThat(IMAGES.get(program).repoTags()).contains(deployments.composeImage(program));
        if (!program.equals("simulator")) { // deploy/k8s runs no simulator
            assertThat(IMAGES.get(program).repoTags()).contains(deployments.kubernetesImage(program));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"poller", "processor", "simulator"})
    void imageExposesThePortsComposePublishes(String program) {
        List<String> published = deployments.composeContainerPorts(program).stream().map(port -> port + "/tcp").toList();

        assertThat(published).isNotEmpty();
        assertThat(IMAGES.get(program).exposedPorts()).containsExactlyInAnyOrderElementsOf(published);
    }

    @ParameterizedTest
    @ValueSource(strings = {"poller", "processor", "simulator"})
    void imageRunsAsTheNonRootUserOfTheKubernetesManifests(String program) {
        ImageArchive image = IMAGES.get(program);
        String user = deployments.kubernetesUser("processor");

        assertThat(image.user()).isEqualTo(user).doesNotStartWith("0:");
        // a named user: the JVM's user.home and tools that look the user up find it
        Processes.Result id = run(image, Map.of(), List.of("id"));
        assertThat(id.stdout()).startsWith("uid=" + user.split(":")[0] + "(glsmon) gid=" + user.split(":")[1] + "(glsmon)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"poller", "processor", "simulator"})
    void imageStartsTheProgramWhoseHelpListsItsOptionsAndThoseComposeSets(String program) {
        Processes.Result help = Processes.check(Processes.run(RUN_TIMEOUT,
                new Container(IMAGES.get(program)).entrypointLine(Map.of(), List.of("--help"))));

        assertThat(longOptions(program)).isNotEmpty().allSatisfy(option -> assertThat(help.stdout()).contains(option));
        for (String variable : deployments.composeEnv(program).keySet()) {
            if (variable.startsWith("GLSMON_")) {
                String option = "--" + variable.substring("GLSMON_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
                assertThat(help.stdout()).as(variable).contains(option);
            }
        }
    }

    @Test
    void theProcessorsUserCanWriteTheStateDirectoryComposeMountsAVolumeOn() {
        String stateDir = deployments.composeEnv("processor").get("GLSMON_STATE_DIR");

        assertThat(stateDir).isNotBlank();
        run(IMAGES.get("processor"), Map.of(), List.of("bash", "-c", "touch \"$0/written\" && rm \"$0/written\"", stateDir));
    }

    @Test
    void theSimulatorImageServesTheApiAndPassesItsComposeHealthcheck() throws Exception {
        ImageArchive image = IMAGES.get("simulator");
        int composePort = deployments.composeContainerPorts("simulator").get(0);
        int port = freePort();
        Map<String, String> env = new HashMap<>(deployments.composeEnv("simulator"));
        env.values().removeIf(Objects::isNull); // passed through from the caller in compose: none here
        env.put("GLSMON_HTTP_PORT", String.valueOf(port));
        env.put("GLSMON_HTTP_BIND", "127.0.0.1"); // the test's traffic stays on loopback

        Process simulator = new ProcessBuilder(new Container(image).entrypointLine(env, List.of()))
                .redirectErrorStream(true)
                .start();
        try {
            String listening = awaitLine(simulator, LISTENING).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(listening).contains(":" + port);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_glsmon/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(streamGroupsListedBy(URI.create("http://127.0.0.1:" + port), env.get("GLSMON_REGION"))).isPositive();

            List<String> healthcheck = new ArrayList<>();
            for (String part : deployments.composeHealthcheck("simulator")) {
                healthcheck.add(part.equals(String.valueOf(composePort)) ? String.valueOf(port) : part);
            }
            assertThat(healthcheck).as("the healthcheck targets the test's port").contains(String.valueOf(port));
            run(image, Map.of(), healthcheck);
        } finally {
            Processes.stop(simulator);
        }
        assertThat(simulator.descendants()).as("the simulator stopped").isEmpty();
    }

    /** The real AWS SDK client against the image's simulator: stream groups of the compose scenario. */
    private static int streamGroupsListedBy(URI endpoint, String region) {
        try (GameLiftStreamsClient client = GameLiftStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("glsmontest", "glsmontest")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            return client.listStreamGroups(request -> {}).items().size();
        }
    }

    /** The program's options as its picocli command defines them: what its help must list. */
    private static List<String> longOptions(String program) {
        CommandLine command = switch (program) {
            case "poller" -> PollerCommand.commandLine(Map.of(), config -> 0);
            case "processor" -> ProcessorMain.commandLine();
            case "simulator" -> SimulatorCommand.commandLine(Map.of());
            default -> throw new IllegalArgumentException(program);
        };
        return command.getCommandSpec().options().stream()
                .filter(option -> !option.hidden())
                .map(ProgramImagesTest::asHelpShowsIt)
                .toList();
    }

    /** --name, or --[no-]name for a negatable option. */
    private static String asHelpShowsIt(OptionSpec option) {
        String name = option.longestName();
        return option.negatable() ? "--[no-]" + name.substring(2) : name;
    }

    /** Runs {@code command} in the image; it must exit 0. */
    private static Processes.Result run(ImageArchive image, Map<String, String> env, List<String> command) {
        return Processes.check(Processes.run(RUN_TIMEOUT, new Container(image).commandLine(env, command)));
    }

    /** Completes with the first line of the process's output that starts with {@code prefix}; drains the rest. */
    private static CompletableFuture<String> awaitLine(Process process, String prefix) {
        CompletableFuture<String> line = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String next = output.readLine(); next != null; next = output.readLine()) {
                    if (!line.isDone()) {
                        seen.append(next).append('\n');
                    }
                    if (next.startsWith(prefix)) {
                        line.complete(next);
                    }
                }
                line.completeExceptionally(new AssertionError("the program ended without printing '" + prefix + "':\n" + seen));
            } catch (IOException e) {
                line.completeExceptionally(e);
            }
        }, "image-output");
        reader.setDaemon(true);
        reader.start();
        return line;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
