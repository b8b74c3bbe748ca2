package dev.glsmon.bench;

import dev.glsmon.broker.EmbeddedKafkaBroker;
import dev.glsmon.testbed.KafkaTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sections share in one run: the size, one embedded KRaft broker (started when a section
 * first needs it; every section uses topics and application ids of its own) and a scratch directory.
 */
public final class BenchContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchContext.class);
    private static final String WARM_UP_TOPIC = "glsmon-bench-warm-up";

    private final Size size;
    private final Path scratch;
    private EmbeddedKafkaBroker broker;

    public BenchContext(Size size) throws IOException {
        this.size = size;
        this.scratch = Files.createTempDirectory("glsmon-bench");
    }

    public Size size() {
        return size;
    }

    /** The broker's bootstrap servers; starts it on first use. */
    public synchronized String bootstrapServers() {
        if (broker == null) {
            LOG.info("starting the embedded Kafka broker");
            broker = EmbeddedKafkaBroker.builder()
                    .dataDir(scratch.resolve("kafka"))
                    // the tests' 2 s fences a single broker whose heartbeat waits on a loaded machine: its
                    // partitions go offline and producers time out; the bench never restarts it, so wait longer
                    .config("broker.session.timeout.ms", "30000")
                    .build()
                    .start();
            warmUp(broker.bootstrapServers());
        }
        return broker.bootstrapServers();
    }

    /**
     * One acknowledged write before any section's: on a loaded machine a fresh broker's first
     * produce requests can time out (producer ids still being allocated), and a section must not
     * lose its input to that.
     */
    private static void warmUp(String bootstrap) {
        try (Admin admin = KafkaTestSupport.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(WARM_UP_TOPIC, 1, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create " + WARM_UP_TOPIC, e.getCause());
        }
        for (int attempt = 1; ; attempt++) {
            try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
                producer.send(new ProducerRecord<>(WARM_UP_TOPIC, new byte[0])).get(60, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("the broker took no write in 3 attempts", e);
                }
                LOG.warn("warm-up write {} failed ({}), again", attempt, e.toString());
            }
        }
    }

    /** A fresh directory under the scratch directory, e.g. a processor's state dir. */
    public Path directory(String name) throws IOException {
        return Files.createDirectories(scratch.resolve(name));
    }

    /** A name no other section or run on this broker uses. */
    public String unique(String prefix) {
        return KafkaTestSupport.unique(prefix);
    }

    @Override
    public synchronized void close() throws IOException {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
