package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.simulator.ApiOperation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller as a child JVM (environment variables cannot be set in-process) with recognisable fake
 * AWS credentials, once in the environment and once only in a shared credentials file with a profile,
 * every logger at DEBUG (AWS SDK, Apache HTTP client, Kafka clients included), Kafka pass-through
 * passwords set: the secret key, the session token and the Kafka passwords appear in no log line,
 * no /metrics, /healthz or /readyz output, in plain, Base64 or URL-encoded form. The credentials are
 * really used: the simulator refuses unsigned requests, and the poller completes cycles.
 */
class SecretsNotLoggedIT extends WithTestbed {

    private static final String ACCESS_KEY = "AKIAGLSMONFAKE000001";
    private static final String SECRET_KEY = "glsmonFakeSecret/Key+ShouldNeverBeLogged0001";
    private static final String SESSION_TOKEN = "glsmonFakeSessionToken/Value+ShouldNeverBeLogged=0001";
    private static final String KAFKA_PASSWORD = "glsmonFakeKafkaPassword0001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void credentialsFromTheEnvironmentNeverReachALogLineOrAMetric(@TempDir Path dir) throws Exception {
        Run run = runPoller(dir, Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_SESSION_TOKEN", SESSION_TOKEN));

        assertNoSecretIn(run);
    }

    @Test
    void credentialsFromAProfileFileNeverReachALogLineOrAMetric(@TempDir Path dir) throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIAWRONGPROFILE0000\n"
                + "aws_secret_access_key = not-this-one\n\n[glsmon-test]\naws_access_key_id = " + ACCESS_KEY
                + "\naws_secret_access_key = " + SECRET_KEY + "\naws_session_token = " + SESSION_TOKEN + "\n");
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile glsmon-test]\nregion = us-west-2\n");
        Run run = runPoller(dir, Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "glsmon-test"));

        assertNoSecretIn(run);
        assertThat(run.output()).as("the profile's credentials were chosen, not the default's")
                .doesNotContain("AKIAWRONGPROFILE0000");
    }

    private record Run(String output, String metrics, String health) {}

    private Run runPoller(Path dir, Map<String, String> awsEnvironment) throws Exception {
        List<String> groups = bed.sim.control().populate(40, 2);
        Path logback = dir.resolve("logback-debug.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        int port = freePort();
        Path output = dir.resolve("poller.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + logback,
                "dev.glsmon.poller.PollerCommand",
                "--bootstrap-servers", bed.bootstrapServers,
                "--region", "us-west-2",
                "--endpoint-url", bed.sim.endpoint().toString(),
                "--stream-groups", String.join(",", groups),
                "--poll-interval", "1s",
                "--topic-prefix", bed.prefix,
                "--partitions", Integer.toString(Testbed.PARTITIONS),
                "--coordination", "none",
                "--export-executor=false",
                "--http-port", Integer.toString(port),
                "--http-bind", "127.0.0.1",
                // unused by a PLAINTEXT client, but passed through and printed by config logging
                "--kafka-property", "ssl.key.password=" + KAFKA_PASSWORD,
                "--kafka-property", "ssl.truststore.password=" + KAFKA_PASSWORD,
                "--kafka-property", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"glsmon\" password=\"" + KAFKA_PASSWORD + "\";"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GLSMON_"));
        builder.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().putAll(awsEnvironment);
        long listedBefore = bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS, 200);
        Process poller = builder.start();
        String metrics;
        String health;
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            Testbed.await("the poller to complete two cycles per group", Duration.ofSeconds(90), () -> {
                if (!poller.isAlive()) {
                    throw new AssertionError("the poller exited with " + poller.exitValue() + ": " + read(output));
                }
                return completeCycles(get(base.resolve("/metrics"))) >= 2 * groups.size();
            });
            metrics = get(base.resolve("/metrics"));
            health = get(base.resolve("/healthz")) + get(base.resolve("/readyz"));
            // --http-bind 127.0.0.1: not reachable on any other address of this machine
            String other = otherAddress();
            assertThatThrownBy(() -> new java.net.Socket(other, port).close()).as("connect to %s:%d", other, port)
                    .isInstanceOf(java.net.ConnectException.class);
        } finally {
            poller.destroy();
            if (!poller.waitFor(30, TimeUnit.SECONDS)) {
                poller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(bed.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS, 200) - listedBefore)
                .as("signed requests the simulator accepted").isGreaterThanOrEqualTo(2L * groups.size());
        String log = read(output);
        assertThat(log).as("DEBUG logging was on").contains(" DEBUG ");
        assertThat(log).as("the SDK's own DEBUG lines were captured").contains("software.amazon.awssdk");
        return new Run(log, metrics, health);
    }

    private static void assertNoSecretIn(Run run) {
        for (String secret : List.of(SECRET_KEY, SESSION_TOKEN, KAFKA_PASSWORD)) {
            for (String form : forms(secret)) {
                assertThat(linesWith(run.output(), form)).as("log lines holding a form of a secret").isEmpty();
                assertThat(linesWith(run.metrics(), form)).as("/metrics lines holding a form of a secret").isEmpty();
                assertThat(linesWith(run.health(), form)).as("/healthz, /readyz holding a form of a secret").isEmpty();
            }
        }
    }

    /** Only the offending lines, cut short: a failure must not print the whole log (or the secret twice). */
    private static List<String> linesWith(String text, String form) {
        return text.lines().filter(l -> l.contains(form)).map(l -> l.length() > 300 ? l.substring(0, 300) : l)
                .toList();
    }

    /** The secret as text, Base64 (standard and URL-safe, unpadded) and URL-encoded. */
    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret,
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static long completeCycles(String scrape) {
        Matcher m = Pattern.compile("^glsmon_poller_cycles_total\\{[^}]*outcome=\"complete\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    private static String get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return ""; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A non-loopback IPv4 address of this machine, else 127.0.0.2 (loopback, but not 127.0.0.1). */
    static String otherAddress() throws IOException {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                .map(java.net.InetAddress::getHostAddress).findFirst().orElse("127.0.0.2");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
