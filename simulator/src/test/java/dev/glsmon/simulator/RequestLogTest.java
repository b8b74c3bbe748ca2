package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.glsmon.simulator.scenario.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

class RequestLogTest {

    @Test
    void countsCallsPerOperationAndOutcome() {
        try (SimulatorFixture f = new SimulatorFixture()) {
            SessionView s = f.session(SessionStatus.CONNECTED);
            f.client.listStreamSessions(r -> r.identifier(f.group.id()).maxResults(50));
            f.client.listStreamSessions(r -> r.identifier(f.group.id()));
            f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier(s.id()));
            catchThrowable(() -> f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier("ABC123def4567")));

            assertThat(f.sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS)).isEqualTo(2);
            assertThat(f.sim.requests().count(ApiOperation.GET_STREAM_SESSION)).isEqualTo(2);
            assertThat(f.sim.requests().count(ApiOperation.GET_STREAM_SESSION, 404)).isEqualTo(1);
            assertThat(f.sim.requests().total()).isEqualTo(4);
            RequestRecord first = f.sim.requests().records().get(0);
            assertThat(first.operation()).isEqualTo(ApiOperation.LIST_STREAM_SESSIONS);
            assertThat(first.method()).isEqualTo("GET");
            assertThat(first.query()).containsEntry("MaxResults", "50");
            assertThat(first.httpStatus()).isEqualTo(200);
            assertThat(first.virtualTime()).isEqualTo(SimulatorFixture.START);
            assertThat(f.sim.requests().records().get(3).errorType()).isEqualTo("ResourceNotFoundException");

            f.sim.requests().reset();

            assertThat(f.sim.requests().total()).isZero();
            assertThat(f.sim.requests().records()).isEmpty();
        }
    }

    @Test
    void counterOnlyModeKeepsExactCountsWithoutRecords() {
        ManualClock clock = new ManualClock(SimulatorFixture.START);
        try (Simulator sim = Simulator.builder().scenario(Scenario.empty()).clock(clock).requestLogCapacity(0).start();
                GameLiftStreamsClient client = Sdk.client(sim)) {
            for (int i = 0; i < 30; i++) {
                client.listStreamSessionsByAccount(r -> r.maxResults(5));
            }

            assertThat(sim.requests().count(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT)).isEqualTo(30);
            assertThat(sim.requests().records()).isEmpty();
        }
    }

    @Test
    void theAdminEndpointReportsAndResetsCountsAndState() throws Exception {
        try (SimulatorFixture f = new SimulatorFixture()) {
            f.session(SessionStatus.CONNECTED);
            f.client.listStreamSessionsByAccount(r -> r.maxResults(5));
            HttpClient http = HttpClient.newHttpClient();
            URI requests = URI.create(f.sim.endpoint() + "/_glsmon/requests");

            assertThat(http.send(HttpRequest.newBuilder(requests).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("{\"total\":1,\"operations\":{\"ListStreamSessionsByAccount\":1}}");
            http.send(HttpRequest.newBuilder(requests).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(f.sim.requests().total()).isZero();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(f.sim.endpoint() + "/_glsmon/state")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body())
                    .contains("\"virtualTime\":\"2026-01-01T00:00:00Z\"", "\"CONNECTED\":1", f.group.id());
        }
    }
}
