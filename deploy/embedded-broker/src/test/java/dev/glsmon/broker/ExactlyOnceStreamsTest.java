package dev.glsmon.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceStreamsTest {

    @Test
    void countsWithAStateStoreUnderExactlyOnceV2(KafkaBroker broker, @TempDir Path stateDir) throws Exception {
        String suffix = UUID.randomUUID().toString();
        String in = "eos-in-" + suffix;
        String out = "eos-out-" + suffix;
        EmbeddedKafkaBrokerTest.createTopic(broker, in, 2);
        EmbeddedKafkaBrokerTest.createTopic(broker, out, 2);
        EmbeddedKafkaBrokerTest.produce(broker, in, 1_000); // keys key-0..key-999, once each

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
                .groupBy((key, value) -> key.substring(key.length() - 1), Grouped.with("by-last-digit", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts-by-last-digit")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .mapValues(Object::toString)
                .to(out, Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-" + suffix);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            Map<String, String> finalCounts = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            String readGroup = "reader-" + suffix;
            List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
            while (System.nanoTime() < deadline && !allTenReachedHundred(finalCounts)
                    && streams.state() != KafkaStreams.State.ERROR) {
                seen.addAll(readCommitted(broker, out, readGroup));
                finalCounts = seen.stream().collect(Collectors.toMap(
                        ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));
            }
            assertThat(finalCounts).hasSize(10).allSatisfy((digit, count) -> assertThat(count).isEqualTo("100"));
        }
    }

    private static boolean allTenReachedHundred(Map<String, String> counts) {
        return counts.size() == 10 && counts.values().stream().allMatch("100"::equals);
    }

    private static List<ConsumerRecord<String, String>> readCommitted(KafkaBroker broker, String topic, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                props, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
            consumer.commitSync();
            return records;
        }
    }
}
