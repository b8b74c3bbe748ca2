package dev.glsmon.deployfiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A real Prometheus server on a free port with an empty TSDB in a temporary directory, loading
 * the given rule files and scraping nothing: the authority on whether PromQL parses. Or, with
 * {@link #start(Path, IntFunction)}, any configuration (e.g. the shipped one scraping a running stack).
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusApi api;

    private PrometheusServer(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
        this.api = new PrometheusApi(baseUri);
    }

    /** Starts {@code prometheus} (fails naming the Debian package when it is missing) and waits until it is ready. */
    static PrometheusServer start(Path workDir, List<Path> ruleFiles) throws IOException, InterruptedException {
        String rules = ruleFiles.stream()
                .map(file -> "  - '" + file.toAbsolutePath() + "'")
                .collect(Collectors.joining("\n"));
        return start(workDir, port -> "global:\n  evaluation_interval: 1s\nrule_files:\n" + rules + "\n");
    }

    /**
     * Starts {@code prometheus} with the configuration {@code configForPort} writes for the port the
     * server will listen on (fails naming the Debian package when the binary is missing) and waits
     * until it is ready. Relative paths in the configuration are relative to {@code workDir}.
     */
    public static PrometheusServer start(Path workDir, IntFunction<String> configForPort)
            throws IOException, InterruptedException {
        Path binary = Tools.require("prometheus", "prometheus");
        Path config = workDir.resolve("prometheus.yml");
        int port = freePort();
        Files.writeString(config, configForPort.apply(port));
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + workDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(baseUri.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is still starting
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("prometheus not ready after " + timeout + ":\n" + log());
    }

    /** POST /api/v1/query: the whole JSON answer; a query that does not parse answers status "error". */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return api.query(promql);
    }

    /** GET of an API path: the JSON answer. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return api.get(path);
    }

    /** The server's HTTP API. */
    public PrometheusApi api() {
        return api;
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return baseUri;
    }

    /** What the server has logged so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
