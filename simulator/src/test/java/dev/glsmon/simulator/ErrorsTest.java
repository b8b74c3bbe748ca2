package dev.glsmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.AccessDeniedException;
import software.amazon.awssdk.services.gameliftstreams.model.InternalServerException;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

class ErrorsTest {

    private final SimulatorFixture f = new SimulatorFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void raisesValidationException() {
        assertThatThrownBy(() -> f.client.listStreamSessionsByAccount(r -> r.maxResults(0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("maxResults");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void raisesAccessDeniedForAnUnsignedRequest() {
        try (GameLiftStreamsClient unsigned = Sdk.unsignedClient(f.sim)) {
            assertThatThrownBy(() -> unsigned.listStreamSessionsByAccount(r -> r.maxResults(10)))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void raisesResourceNotFoundException() {
        assertThatThrownBy(() -> f.client.getStreamSession(r -> r.identifier(f.group.id()).streamSessionIdentifier("ABC123def4567")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void raisesThrottlingException() {
        f.sim.faults().setDefault(OperationFaults.NONE.withThrottleProbability(1));

        assertThatThrownBy(() -> f.client.listStreamSessionsByAccount(r -> r.maxResults(10)))
                .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.isThrottlingException()).isTrue();
                });
    }

    @Test
    void raisesInternalServerException() {
        f.sim.faults().setDefault(OperationFaults.NONE.withServerErrorProbability(1));

        assertThatThrownBy(() -> f.client.listStreamSessionsByAccount(r -> r.maxResults(10)))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    }

    @Test
    void errorsCarryTheTypeHeaderAndAJsonMessageOnTheWire() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(f.sim.endpoint() + "/streamsessions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"message\":\"");
    }

    @Test
    void aPathOfNoOperationIsAnUnknownOperation() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(f.sim.endpoint() + "/applications")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }
}
