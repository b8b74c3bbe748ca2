package dev.glsmon.poller.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The sends of one step of a poll cycle. {@link #awaitAll()} returns once the broker acknowledged
 * every one of them, or throws: a cycle sends its marker only after its snapshots are acknowledged,
 * and a lost record fails the cycle loudly instead of vanishing.
 */
public final class SendBatch {

    private final List<Future<RecordMetadata>> sends = new ArrayList<>();

    public void add(Future<RecordMetadata> send) {
        sends.add(send);
    }

    public int size() {
        return sends.size();
    }

    /**
     * Waits for every acknowledgement. The producer completes each future within its
     * {@code delivery.timeout.ms}, so this wait is bounded.
     */
    public void awaitAll() throws InterruptedException {
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new PublishException("Kafka did not acknowledge a record: " + e.getCause().getMessage(), e.getCause());
            }
        }
        sends.clear();
    }
}
