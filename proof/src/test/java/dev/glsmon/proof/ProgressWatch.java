package dev.glsmon.proof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches a running faulted pipeline from outside, as its users would, while a fault happens: when
 * committed output arrives on the transitions topic (a {@code read_committed} consumer: what a
 * downstream reader gets), when the poller completes a cycle (its {@code /metrics}), and whether
 * the processor reports Kafka Streams RUNNING (its {@code /readyz}). Samples every 250 ms.
 */
final class ProgressWatch implements AutoCloseable {

    private static final Duration SAMPLE = Duration.ofMillis(250);

    /** One moment something happened or was seen. */
    private record Sample(Instant at, boolean ok) {}

    private final List<Instant> outputs = new CopyOnWriteArrayList<>();
    private final List<Sample> cycles = new CopyOnWriteArrayList<>();
    private final List<Sample> running = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread outputThread;
    private final Thread probeThread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile boolean closed;

    private ProgressWatch(String bootstrapServers, String transitionsTopic, FaultRun run, URI processorReady) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.GROUP_ID_CONFIG, "progress-watch-" + transitionsTopic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(transitionsTopic));
        outputThread = new Thread(this::watchOutput, "progress-watch-output");
        probeThread = new Thread(() -> probe(run, processorReady), "progress-watch-probes");
    }

    static ProgressWatch start(String bootstrapServers, String transitionsTopic, FaultRun run, URI processorReady) {
        ProgressWatch watch = new ProgressWatch(bootstrapServers, transitionsTopic, run, processorReady);
        watch.outputThread.start();
        watch.probeThread.start();
        return watch;
    }

    private void watchOutput() {
        try {
            while (!closed) {
                if (!consumer.poll(SAMPLE).isEmpty()) {
                    outputs.add(Instant.now());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void probe(FaultRun run, URI processorReady) {
        double lastCycles = -1;
        while (!closed) {
            Instant now = Instant.now();
            try {
                double complete = FaultRun.completeGroupCycles(run.pollerMetrics());
                cycles.add(new Sample(now, complete > lastCycles && lastCycles >= 0));
                lastCycles = complete;
            } catch (IOException e) {
                cycles.add(new Sample(now, false));
            } catch (InterruptedException e) {
                return;
            }
            running.add(new Sample(now, ready(processorReady)));
            try {
                Thread.sleep(SAMPLE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean ready(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The longest wall time from {@code from} on without committed output reaching a reader. */
    Duration longestWithoutOutput(Instant from, Instant until) {
        return longestGap(from, until, outputs).length();
    }

    /** A span of wall time. */
    record Span(Instant from, Instant until) {
        Duration length() {
            return Duration.between(from, until);
        }
    }

    /** The longest span from {@code from} on in which the poller completed no cycle. */
    Span longestWithoutCycle(Instant from, Instant until) {
        return longestGap(from, until, times(cycles, Sample::ok));
    }

    /** Wall time, summed, in which the processor did not report Kafka Streams RUNNING. */
    Duration notRunning(Instant from, Instant until) {
        Duration total = Duration.ZERO;
        Sample previous = null;
        for (Sample sample : running) {
            if (previous != null && !previous.ok() && !sample.at().isBefore(from) && !previous.at().isAfter(until)) {
                total = total.plus(Duration.between(previous.at(), sample.at()));
            }
            previous = sample;
        }
        return total;
    }

    /** The processor's latest answer: RUNNING or not. */
    boolean runningNow() {
        return !running.isEmpty() && running.get(running.size() - 1).ok();
    }

    private static List<Instant> times(List<Sample> samples, Predicate<Sample> which) {
        return samples.stream().filter(which).map(Sample::at).toList();
    }

    private static Span longestGap(Instant from, Instant until, List<Instant> events) {
        List<Instant> marks = withEdges(from, until, events);
        Span longest = new Span(from, from);
        for (int i = 1; i < marks.size(); i++) {
            Span gap = new Span(marks.get(i - 1), marks.get(i));
            if (gap.length().compareTo(longest.length()) > 0) {
                longest = gap;
            }
        }
        return longest;
    }

    private static List<Instant> withEdges(Instant from, Instant until, List<Instant> events) {
        List<Instant> marks = new ArrayList<>();
        marks.add(from);
        events.stream().filter(t -> t.isAfter(from) && t.isBefore(until)).forEach(marks::add);
        marks.add(until);
        return marks;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        probeThread.interrupt();
        outputThread.join(10_000);
        probeThread.join(10_000);
    }
}
