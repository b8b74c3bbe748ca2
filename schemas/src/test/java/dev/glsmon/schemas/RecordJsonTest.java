package dev.glsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void writesPlainJsonWithIsoTimestampsAndUnwrappedUnions() {
        String json = RecordJson.toJson(Samples.snapshot());

        assertThat(json)
                .startsWith("{\"arn\":\"" + Samples.ARN + "\"")
                .contains("\"status\":\"CONNECTED\"")
                .contains("\"statusReason\":null")
                .contains("\"createdAt\":\"2026-11-23T10:00:00Z\"")
                .contains("\"additionalEnvironmentVariables\":{\"LEVEL\":\"3\"}")
                .contains("\"notFound\":false");
    }

    @Test
    void writesBytesAsBase64() {
        DeadLetter letter = (DeadLetter) Samples.oneOfEach().stream()
                .filter(DeadLetter.class::isInstance).findFirst().orElseThrow();

        assertThat(RecordJson.toJson(letter)).contains("\"key\":\"AQI=\"").contains("\"value\":\"Aw==\"");
    }
}
