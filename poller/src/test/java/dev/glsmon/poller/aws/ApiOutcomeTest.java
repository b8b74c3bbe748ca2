package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiOutcomeTest {

    @ParameterizedTest(name = "status {0}, SDK error type {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "200, -, success",
        "-, -, success",
        "429, Throttling, throttled",
        "400, Throttling, throttled",
        "429, Other, throttled",
        "500, ServerError, server_error",
        "503, -, server_error",
        "404, Other, not_found",
        "400, Other, client_error",
        "403, Other, client_error",
        "-, ConfiguredTimeout, timeout",
        "-, IO, io_error",
        "200, Other, malformed_response",
        "-, Other, other"
    })
    void classifiesEachAttempt(Integer status, String errorType, String outcome) {
        assertThat(ApiOutcome.classify(status, errorType)).isEqualTo(outcome);
    }
}
