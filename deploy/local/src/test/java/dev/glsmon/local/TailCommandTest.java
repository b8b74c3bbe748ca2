package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.schemas.Topics;
import dev.glsmon.schemas.TopicInitializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(KafkaBrokerExtension.class)
class TailCommandTest {

    private static final String ARN = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567";

    @Test
    void printsATopicAsJsonLinesDecodedWithTheSchemas(KafkaBroker broker) throws Exception {
        String prefix = "tail" + UUID.randomUUID().toString().substring(0, 6) + ".";
        Topics topics = Topics.of(prefix, 2);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicInitializer(admin, Optional.empty()).ensure(topics.all());
        }
        SessionTransition transition = SessionTransition.newBuilder()
                .setArn(ARN).setSessionId("ABC123def4567").setStreamGroupId("sg-1AB2C3De4").setLocation("us-west-2")
                .setFrom("CONNECTED").setTo("TERMINATED").setReason("applicationExit").setTimeInPreviousStatusMillis(5000L)
                .setSequence(4).setInferred(true).setAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setObservedAt(Instant.parse("2026-11-23T10:00:02Z")).build();
        try (var producer = new KafkaProducer<byte[], byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            String topic = topics.sessionTransitions().name();
            producer.send(new ProducerRecord<>(topic, ARN.getBytes(),
                    topics.sessionTransitions().valueSerde().serializer().serialize(topic, transition))).get();
            producer.send(new ProducerRecord<>(topic, ARN.getBytes(), "not avro".getBytes())).get();
        }
        StringWriter out = new StringWriter();
        CommandLine cli = LocalStackMain.commandLine(Map.of()).setOut(new PrintWriter(out));

        int exit = cli.execute("tail", "session-transitions", "--from-beginning", "--topic-prefix", prefix,
                "--bootstrap-servers", broker.bootstrapServers(), "--max-records", "2", "--idle-timeout", "20s");

        assertThat(exit).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .contains("\"key\":\"" + ARN + "\"")
                .contains("\"from\":\"CONNECTED\"")
                .contains("\"to\":\"TERMINATED\"")
                .contains("\"reason\":\"applicationExit\"")
                .contains("\"at\":\"2026-11-23T10:00:00Z\"")
                .contains("\"inferred\":true");
        assertThat(lines[1]).contains("\"value\":null").contains("\"error\":\"cannot decode SessionTransition");
    }

    @Test
    void refusesATopicThatIsNotOursListingTheKnownOnes() {
        StringWriter err = new StringWriter();
        CommandLine cli = LocalStackMain.commandLine(Map.of()).setErr(new PrintWriter(err));

        assertThat(cli.execute("tail", "orders")).isEqualTo(2);
        assertThat(err.toString()).contains("'orders' is not a glsmon topic").contains("glsmon.session-transitions");
    }
}
