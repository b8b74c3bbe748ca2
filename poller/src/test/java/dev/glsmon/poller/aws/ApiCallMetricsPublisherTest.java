package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ApiCallMetricsPublisherTest {

    @Test
    void everyOperationHasItsCallCountersAtZeroBeforeItsFirstCall() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new ApiCallMetricsPublisher(registry);

        for (String operation : ApiOperations.ALL) {
            for (String outcome : new String[] {ApiOutcome.SUCCESS, ApiOutcome.THROTTLED, ApiOutcome.SERVER_ERROR}) {
                assertThat(registry.get(ApiCallMetricsPublisher.CALLS)
                                .tag("operation", operation)
                                .tag("outcome", outcome)
                                .counter()
                                .count())
                        .as("%s %s", operation, outcome)
                        .isZero();
            }
        }
    }
}
