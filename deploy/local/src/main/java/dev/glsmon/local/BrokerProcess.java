package dev.glsmon.local;

import dev.glsmon.broker.EmbeddedBrokerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded KRaft broker in a child JVM, so that a broker fault cannot halt the launcher and
 * the broker can be stopped on its own. The child watches its standard input and exits when it
 * closes, so it dies with the launcher even when the launcher is killed hard.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Pattern READY = Pattern.compile("bootstrap\\.servers=(\\S+) cluster\\.id=(\\S+)");

    private final Process process;
    private final String bootstrapServers;
    private final String clusterId;

    private BrokerProcess(Process process, String bootstrapServers, String clusterId) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
    }

    static BrokerProcess start(int port, Path dataDir, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmbeddedBrokerMain.class.getName());
        command.add("--port");
        command.add(Integer.toString(port));
        command.add("--data-dir");
        command.add(dataDir.toAbsolutePath().toString());
        command.add("--exit-on-stdin-close");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
        }
        CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> awaitReadyLine(process));
        try {
            Matcher line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("the Kafka broker exited during start-up (exit code "
                        + exitCode(process) + "); see " + dataDir.resolveSibling("broker.log"));
            }
            BrokerProcess broker = new BrokerProcess(process, line.group(1), line.group(2));
            LOG.info("Kafka broker (pid {}) ready on {}", process.pid(), broker.bootstrapServers);
            return broker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("the Kafka broker did not become ready within " + timeout.toSeconds()
                    + " s; see " + dataDir.resolveSibling("broker.log"), e);
        }
    }

    private static Matcher awaitReadyLine(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    drainInBackground(out);
                    return matcher;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The child blocks if nobody reads its stdout. */
    private static void drainInBackground(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the child prints nothing else of interest
                }
            } catch (IOException e) {
                LOG.debug("broker stdout closed: {}", e.getMessage());
            }
        }, "glsmon-broker-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String clusterId() {
        return clusterId;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What happens when the launcher dies hard: its end of the child's stdin closes. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then a hard kill if the broker does not stop within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("Kafka broker did not stop within 30 s: killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
