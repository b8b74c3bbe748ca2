package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.common.Metrics;
import dev.glsmon.common.OpsHttpServer;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.OperationFaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics as Prometheus scrapes them from /metrics. */
class MetricsIT extends WithTestbed {

    @Test
    void theEndpointServesPollerApiKafkaAndJvmMetrics() throws Exception {
        List<String> groups = bed.sim.control().populate(300, 2);
        bed.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withThrottleProbability(0.3));
        Metrics metrics = Metrics.create("poller");
        PollerApp app = bed.track(PollerApp.builder(bed.config().streamGroups(groups).exportExecutor(true).build())
                .credentialsProvider(Testbed.CREDENTIALS).meterRegistry(metrics.registry()).scheduled(false).start());
        OpsHttpServer http = bed.track(OpsHttpServer.start("127.0.0.1", 0, metrics.registry(), app::isLive, app::isReady));
        bed.track(metrics);
        app.poller().pollOnce();

        HttpClient client = HttpClient.newHttpClient();
        String body = client.send(HttpRequest.newBuilder(http.baseUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body)
                .contains("glsmon_poller_api_calls_total{component=\"poller\",operation=\"ListStreamSessions\",outcome=\"success\"}")
                .contains("glsmon_poller_api_calls_total{component=\"poller\",operation=\"ListStreamSessions\",outcome=\"throttled\"}")
                .contains("glsmon_poller_api_call_seconds_bucket{component=\"poller\",operation=\"ListStreamSessions\"")
                .contains("glsmon_poller_cycle_seconds_count{component=\"poller\"} 1")
                .contains("glsmon_poller_cycles_total{component=\"poller\",outcome=\"complete\"} 2")
                .contains("glsmon_poller_cycles_total{component=\"poller\",outcome=\"incomplete\"} 0")
                .contains("glsmon_poller_last_complete_cycle_timestamp_seconds{component=\"poller\"}")
                .contains("glsmon_poller_poll_interval_seconds{component=\"poller\"}")
                .contains("glsmon_poller_api_rate_limit_requests_per_second{component=\"poller\",operation=\"ListStreamSessions\"}")
                .contains("glsmon_poller_api_rate_limit_requests_per_second{component=\"poller\",operation=\"ExportStreamSessionFiles\"}")
                .contains("glsmon_poller_snapshots_total{component=\"poller\",source=\"ListStreamSessions\"} 300")
                .contains("glsmon_export_results_total{component=\"poller\",outcome=\"REQUESTED\"} 0")
                // the fast lane's series exist from the start (auto: off while sweeps are fast)
                .contains("glsmon_poller_fast_lane_on{component=\"poller\"} 0")
                .contains("glsmon_poller_fast_lane_sweeps_total{component=\"poller\",outcome=\"complete\"} 0")
                .contains("glsmon_poller_fast_lane_sweep_seconds_count{component=\"poller\"} 0")
                // the stream-group watch's too, and its operation's pace
                .contains("glsmon_poller_stream_group_polls_total{component=\"poller\",outcome=\"published\"} 0")
                .contains("glsmon_poller_stream_group_polls_total{component=\"poller\",outcome=\"throttled\"} 0")
                .contains("glsmon_poller_api_rate_limit_requests_per_second{component=\"poller\",operation=\"GetStreamGroup\"}")
                .contains("kafka_producer_record_send_total")
                .contains("jvm_memory_used_bytes");
        double observed = 0;
        for (String group : groups) {
            Matcher series = Pattern.compile("(?m)^glsmon_poller_sessions_observed\\{component=\"poller\",stream_group=\""
                    + Pattern.quote(group) + "\"} (\\S+)$").matcher(body);
            assertThat(series.find()).as("glsmon_poller_sessions_observed of %s in%n%s", group, body).isTrue();
            observed += Double.parseDouble(series.group(1));
        }
        assertThat(observed).as("sessions observed over the stream groups").isEqualTo(300);
        assertThat(body).doesNotContain("test-secret").doesNotContain("AKIDTEST");
        assertThat(client.send(HttpRequest.newBuilder(http.baseUri().resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(http.baseUri() + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}
