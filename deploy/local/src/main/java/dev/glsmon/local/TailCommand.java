package dev.glsmon.local;

import static dev.glsmon.local.TailSettings.*;

import dev.glsmon.common.config.SettingsCommandLine;
import dev.glsmon.common.config.SettingsReader;
import dev.glsmon.schemas.AvroDecodingException;
import dev.glsmon.schemas.RecordJson;
import dev.glsmon.schemas.Topic;
import dev.glsmon.schemas.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code glsmon-local.jar tail TOPIC [--from-beginning]}: any glsmon topic as JSON lines, decoded
 * with the schemas, i.e. what a downstream consumer will see. Reads without a consumer group.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a glsmon topic as JSON lines (one record per line), decoded with the Avro schemas.")
final class TailCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC",
            description = "Topic name, with or without the prefix: session-transitions or glsmon.session-transitions")
    String topicName;

    private final AtomicBoolean stop = new AtomicBoolean();

    /** The tail command alone (a sub-command of the launcher's), every option falling back to the given environment. */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new TailCommand());
        SettingsCommandLine.addOptions(commandLine, TailSettings.TABLE, environment);
        return commandLine;
    }

    /** What the options decided. */
    record Options(String bootstrapServers, String topicPrefix, boolean fromBeginning, long maxRecords, Duration idleTimeout) {}

    /** Reads every option and checks it; a bad value names its option. */
    Options options() {
        return SettingsCommandLine.read(spec, TailSettings.TABLE, settings -> {
            SettingsReader r = new SettingsReader(settings);
            Options options = new Options(r.hostPorts(BOOTSTRAP_SERVERS), r.text(TOPIC_PREFIX), r.bool(FROM_BEGINNING),
                    r.longAtLeast(MAX_RECORDS, -1), r.duration(IDLE_TIMEOUT));
            r.rejectUnknown();
            return options;
        });
    }

    @Override
    public Integer call() {
        Options options = options();
        String topicPrefix = options.topicPrefix();
        long maxRecords = options.maxRecords();
        Duration idleTimeout = options.idleTimeout();
        Topics topics = Topics.of(topicPrefix, Topics.DEFAULT_PARTITIONS);
        Topic<?, ?> topic = topics.byName(topicName);
        if (topic == null) {
            topic = topics.byName(topicPrefix + topicName);
        }
        if (topic == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "TOPIC '" + topicName
                    + "' is not a glsmon topic; known: " + topics.all().stream().map(Topic::name).toList());
        }
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true), "glsmon-tail-shutdown"));
        long printed = 0;
        Instant lastRecord = Instant.now();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            while (!stop.get() && (maxRecords < 0 || printed < maxRecords)) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(line(topic, record));
                    lastRecord = Instant.now();
                    if (maxRecords >= 0 && ++printed >= maxRecords) {
                        break;
                    }
                }
                out.flush();
                if (!idleTimeout.isZero() && Duration.between(lastRecord, Instant.now()).compareTo(idleTimeout) > 0) {
                    break;
                }
            }
        }
        return 0;
    }

    static String line(Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key() == null ? null : keyText(topic, record.key()));
        try {
            Object value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            line.put("value", value);
        } catch (AvroDecodingException e) {
            line.put("value", null);
            line.put("error", e.getMessage());
        }
        return RecordJson.toJson(line);
    }

    private static String keyText(Topic<?, ?> topic, byte[] key) {
        return topic.keySerde().deserializer() instanceof ByteArrayDeserializer
                ? java.util.Base64.getEncoder().encodeToString(key)
                : new String(key, StandardCharsets.UTF_8);
    }
}
