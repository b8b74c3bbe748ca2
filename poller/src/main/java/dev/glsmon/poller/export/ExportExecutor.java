package dev.glsmon.poller.export;

import dev.glsmon.poller.kafka.PublishException;
import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.poller.kafka.TopicReader;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes export commands (its own consumer group, committed by hand) and executes each once.
 *
 * <p>Per record: decode (undecodable records go to the dead-letter topic), let the
 * {@link ExportCommandHandler} decide and call, write the ExportResult, wait for its
 * acknowledgement, record the command id as executed, and only then commit the record's offset. A
 * crash before the commit replays the command; its id is then found among the results, read back
 * when the partition is assigned, and it is not executed again. A crash between the API call and
 * the result write repeats the call (at-least-once towards the API; a repeated export request for
 * the same session and URI is harmless).
 */
public final class ExportExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportExecutor.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_BACK_TIMEOUT = Duration.ofMinutes(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Object> readerProps;
    private final Topics topics;
    private final RecordPublisher publisher;
    private final ExportCommandHandler handler;
    private final ExecutedCommands executed;
    private final Clock clock;
    private final Map<ExportOutcome, Counter> results = new EnumMap<>(ExportOutcome.class);
    private final Map<ExportReason, Counter> refusals = new EnumMap<>(ExportReason.class);
    private final Counter duplicates;
    private final Counter deadLetters;
    private final Map<String, ExportResult> unwritten = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile boolean failed;

    public ExportExecutor(Map<String, Object> consumerProps, Map<String, Object> readerProps, Topics topics,
            RecordPublisher publisher, ExportCommandHandler handler, ExecutedCommands executed, Clock clock,
            MeterRegistry registry) {
        Map<String, Object> props = new HashMap<>(consumerProps);
        // each command may wait up to --api-call-timeout for the SDK's retries: keep a poll's batch
        // small so that processing it stays within max.poll.interval.ms (5 minutes by default)
        props.putIfAbsent("max.poll.records", 5);
        this.consumer = new KafkaConsumer<>(props);
        this.readerProps = readerProps;
        this.topics = topics;
        this.publisher = publisher;
        this.handler = handler;
        this.executed = executed;
        this.clock = clock;
        for (ExportOutcome outcome : ExportOutcome.values()) {
            results.put(outcome, Counter.builder("glsmon.export.results")
                    .description("Export commands executed, by outcome")
                    .tag("outcome", outcome.name())
                    .register(registry));
        }
        for (ExportReason reason : ExportReason.values()) {
            refusals.put(reason, Counter.builder("glsmon.export.refusals")
                    .description("Export commands not REQUESTED, by typed reason")
                    .tag("reason", reason.name())
                    .register(registry));
        }
        this.duplicates = Counter.builder("glsmon.export.duplicates")
                .description("Export commands skipped because their id was executed before")
                .register(registry);
        this.deadLetters = Counter.builder("glsmon.dead.letter")
                .description("Records the poller could not use, sent to the dead-letter topic")
                .tag("reason", "DESERIALIZATION")
                .register(registry);
        this.thread = new Thread(this::run, "glsmon-export-executor");
        this.thread.setDaemon(true);
    }

    public ExportExecutor start() {
        thread.start();
        return this;
    }

    public boolean isHealthy() {
        return !failed;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topics.exportCommands().name()), new ReadBackOnAssignment());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (!running.get()) {
                        break;
                    }
                    if (!process(record)) {
                        break; // seeked back: poll again from the unfinished record
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failed = true;
                LOG.error("export executor woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("export executor failed: no more exports run until the poller restarts", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    /** @return false if the record must be processed again (its result could not be written) */
    private boolean process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.value() != null) {
            Optional<ExportCommand> command = decode(record);
            if (command.isPresent()) {
                try {
                    execute(command.get());
                } catch (PublishException e) {
                    LOG.error("cannot write the result of export command {}: retrying it", command.get().getCommandId(), e);
                    consumer.seek(partition, record.offset());
                    return false;
                }
            }
        }
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        return true;
    }

    private void execute(ExportCommand command) throws InterruptedException {
        ExportResult result = unwritten.remove(command.getCommandId());
        if (result == null) {
            Optional<ExportResult> decided = handler.handle(command);
            if (decided.isEmpty()) {
                duplicates.increment();
                return;
            }
            result = decided.get();
        }
        try {
            publisher.send(topics.exportResults(), result.getArn(), result).get();
        } catch (ExecutionException | PublishException e) {
            // keep the result: the retry writes it without calling the API again
            unwritten.put(command.getCommandId(), result);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException("export result not acknowledged: " + cause.getMessage(), cause);
        }
        executed.add(command.getCommandId());
        results.get(ExportOutcome.valueOf(result.getOutcome())).increment();
        if (result.getReason() != null) {
            refusals.get(ExportReason.valueOf(result.getReason())).increment();
        }
    }

    private Optional<ExportCommand> decode(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        try {
            return Optional.of(topics.exportCommands().valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn("export command at {}-{}@{} is undecodable: dead-lettered ({})", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            DeadLetter letter = DeadLetter.newBuilder()
                    .setTopic(record.topic())
                    .setPartition(record.partition())
                    .setOffset(record.offset())
                    .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                    .setValue(ByteBuffer.wrap(record.value()))
                    .setReason("DESERIALIZATION")
                    .setDetail(e.getMessage())
                    .setComponent("poller")
                    .setFailedAt(clock.instant())
                    .build();
            try {
                // the original key was a string (the session ARN): its bytes are the same either way
                publisher.sendRaw(topics.deadLetter().name(), record.key(),
                        topics.deadLetter().valueSerde().serializer().serialize(topics.deadLetter().name(), letter)).get();
            } catch (ExecutionException sendFailure) {
                throw new PublishException("dead letter not acknowledged", sendFailure.getCause());
            }
            deadLetters.increment();
            return Optional.empty();
        }
    }

    /**
     * Results of commands in partition p of export-commands are in partition p of export-results
     * (both keyed by session ARN, same partition count): reading those partitions back tells which
     * commands of the newly assigned partitions were executed already.
     */
    private final class ReadBackOnAssignment implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            String resultsTopic = topics.exportResults().name();
            int commandPartitions = consumer.partitionsFor(topics.exportCommands().name()).size();
            int resultPartitions = consumer.partitionsFor(resultsTopic).size();
            int before = executed.size();
            if (commandPartitions == resultPartitions) {
                List<TopicPartition> mirrored = partitions.stream()
                        .map(p -> new TopicPartition(resultsTopic, p.partition()))
                        .toList();
                TopicReader.read(readerProps, mirrored, READ_BACK_TIMEOUT, this::remember);
            } else {
                TopicReader.readAll(readerProps, resultsTopic, READ_BACK_TIMEOUT, this::remember);
            }
            LOG.info("export command partitions {} assigned; {} executed command ids read back", partitions,
                    executed.size() - before);
        }

        private void remember(ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                return;
            }
            try {
                executed.add(topics.exportResults().valueSerde().deserializer()
                        .deserialize(record.topic(), record.value()).getCommandId());
            } catch (RuntimeException e) {
                LOG.warn("undecodable export result at {}-{}@{} ignored", record.topic(), record.partition(), record.offset());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every processed record was committed already
        }
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            if (thread.getState() == Thread.State.NEW) {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
                return;
            }
            consumer.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
