package dev.glsmon.poller.kafka;

import dev.glsmon.schemas.Topic;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The poller's one producer, for every topic it writes: values are encoded with the topic's serde
 * here, so one producer (one set of connections and metrics) serves snapshots, markers, stream
 * groups, export results and dead letters.
 */
public final class RecordPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;

    public RecordPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Sends to the partition of the key; a null value is a tombstone. Blocks while the producer has
     * no metadata or no buffer space (a broker outage), up to {@code max.block.ms}.
     *
     * @throws PublishException when the producer gave up before accepting the record
     */
    public <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        return send(new ProducerRecord<>(topic.name(), key, encode(topic, value)));
    }

    /** Sends to one explicit partition (cycle markers go to every partition). */
    public <V> Future<RecordMetadata> send(Topic<String, V> topic, int partition, String key, V value) {
        return send(new ProducerRecord<>(topic.name(), partition, key, encode(topic, value)));
    }

    /** Sends bytes as they are (dead letters keep the original bytes). */
    public Future<RecordMetadata> sendRaw(String topic, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(record);
        } catch (KafkaException e) {
            throw new PublishException("Kafka did not accept a record for " + record.topic() + ": " + e.getMessage(), e);
        }
        // The producer reports some refusals (no metadata within max.block.ms) as an already failed
        // future: fail now, or a cycle would wait max.block.ms once for every record it still sends.
        if (sent.isDone()) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                throw new PublishException("Kafka did not accept a record for " + record.topic() + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishException("interrupted while sending to " + record.topic(), e);
            }
        }
        return sent;
    }

    /** The topic's partition count as the broker reports it now. */
    public int partitionCount(String topic) {
        try {
            return producer.partitionsFor(topic).size();
        } catch (KafkaException e) {
            throw new PublishException("no metadata for " + topic + ": " + e.getMessage(), e);
        }
    }

    public void flush() {
        producer.flush();
    }

    public Producer<String, byte[]> producer() {
        return producer;
    }

    private static <V> byte[] encode(Topic<String, V> topic, V value) {
        return value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    /** Flushes what is buffered, then closes. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
