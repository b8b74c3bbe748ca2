package dev.glsmon.poller.export;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;

/** {@link ExportApi} over the SDK client; attempts come from the SDK's per-call retry count. */
public final class SdkExportApi implements ExportApi {

    private final GameLiftStreamsClient client;

    public SdkExportApi(GameLiftStreamsClient client) {
        this.client = client;
    }

    @Override
    public int export(String streamGroupId, String sessionId, String outputUri) throws AttemptedException {
        AttemptCounter attempts = new AttemptCounter();
        try {
            client.exportStreamSessionFiles(b -> b
                    .identifier(streamGroupId)
                    .streamSessionIdentifier(sessionId)
                    .outputUri(outputUri)
                    .overrideConfiguration(o -> o.addMetricPublisher(attempts)));
            return attempts.get();
        } catch (SdkException e) {
            Integer fromException = e.numAttempts();
            throw new AttemptedException(e, fromException != null ? fromException : attempts.get());
        }
    }

    /** The session's status as GetStreamSession gives it; empty when the service has no such session. */
    public Optional<String> status(String streamGroupId, String sessionId) {
        try {
            return Optional.of(client.getStreamSession(b -> b.identifier(streamGroupId)
                    .streamSessionIdentifier(sessionId)).statusAsString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Reads RETRY_COUNT of the one call it is attached to. */
    private static final class AttemptCounter implements MetricPublisher {
        private final AtomicInteger attempts = new AtomicInteger(1);

        @Override
        public void publish(MetricCollection call) {
            List<Integer> retries = call.metricValues(CoreMetric.RETRY_COUNT);
            if (!retries.isEmpty()) {
                attempts.set(retries.get(0) + 1);
            }
        }

        int get() {
            return attempts.get();
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
