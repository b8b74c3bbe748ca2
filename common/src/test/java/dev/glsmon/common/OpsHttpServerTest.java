package dev.glsmon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesPrometheusMetricsWithTheComponentLabel() throws Exception {
        try (Metrics metrics = Metrics.create("test");
                OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, metrics.registry(), () -> true, () -> true)) {
            metrics.registry().counter("glsmon_things_total").increment(3);

            HttpResponse<String> response = get(server.baseUri().resolve("/metrics"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(response.body()).contains("glsmon_things_total{component=\"test\"} 3.0");
            assertThat(response.body()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void readinessFollowsItsCheck() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (Metrics metrics = Metrics.create("test");
                OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, metrics.registry(), () -> true, ready::get)) {
            assertThat(get(server.baseUri().resolve("/readyz")).statusCode()).isEqualTo(503);
            assertThat(get(server.baseUri().resolve("/healthz")).statusCode()).isEqualTo(200);

            ready.set(true);

            assertThat(get(server.baseUri().resolve("/readyz")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void addsRoutesAndTurnsAFailingHandlerIntoA500() throws Exception {
        try (Metrics metrics = Metrics.create("test");
                OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, metrics.registry(), () -> true, () -> true)) {
            server.route("/hello", exchange -> OpsHttpServer.respond(exchange, 200, "text/plain", "hi"));
            server.route("/broken", exchange -> {
                throw new IllegalStateException("boom");
            });

            assertThat(get(server.baseUri().resolve("/hello")).body()).isEqualTo("hi");
            assertThat(get(server.baseUri().resolve("/broken")).statusCode()).isEqualTo(500);
        }
    }

    @Test
    void refusesATakenPortNamingIt() throws Exception {
        try (Metrics metrics = Metrics.create("test");
                OpsHttpServer first = OpsHttpServer.start("127.0.0.1", 0, metrics.registry(), () -> true, () -> true)) {
            assertThatThrownBy(() -> OpsHttpServer.start("127.0.0.1", first.port(), metrics.registry(), () -> true, () -> true))
                    .hasMessageContaining(":" + first.port())
                    .hasMessageContaining("port taken?");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
