package dev.glsmon.processor;

import dev.glsmon.testbed.Workload;
import dev.glsmon.testbed.KafkaTestSupport;
import static dev.glsmon.testbed.KafkaTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.ChildJvm;
import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.common.Metrics;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.topology.ProcessorTopology;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARCHITECTURE.md "Delivery": a restart loses no transition and emits none twice. The processor runs
 * as a child JVM that is killed (SIGKILL, no shutdown hook, open transaction and in-memory state
 * lost) twice while the input streams in, and restarted on the same state directory; its committed
 * transitions and terminations must equal those of an uninterrupted run on the same input.
 *
 * <p>Export commands are judged by invariants, not equality: the interrupted run has a ceiling of
 * {@value #CEILING} commands per minute that binds, and which candidates of a full minute get through
 * depends on how the partitions' tasks interleave (it differs between two uninterrupted runs too).
 * The reference has a ceiling that never binds, so it shows every candidate. The interrupted run must
 * issue only candidates, none twice, and per minute exactly min(ceiling, candidates): a count the
 * admission step's store forgot or repeated across a kill would show there.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRestartIT.class);
    private static final int PARTITIONS = 3;
    private static final int SESSIONS = 150;
    private static final int CYCLES = 40;
    private static final long SEED = 42;
    private static final int CEILING = 8;
    private static final int NEVER_BINDS = 1_000_000;

    private static Map<String, String> settings(KafkaBroker broker, String prefix, String appId, Path stateDir,
            int commandsPerMinute) {
        return Map.ofEntries(
                Map.entry("bootstrap-servers", broker.bootstrapServers()),
                Map.entry("application-id", appId),
                Map.entry("topic-prefix", prefix),
                Map.entry("partitions", Integer.toString(PARTITIONS)),
                Map.entry("state-dir", stateDir.toString()),
                Map.entry("http-bind", "127.0.0.1"),
                Map.entry("http-port", "0"),
                Map.entry("export-client-disconnect", "true"),
                Map.entry("export-output-uri", "s3://glsmon-exports/it/"),
                Map.entry("export-allowed-prefixes", "s3://glsmon-exports/"),
                Map.entry("export-max-commands-per-minute", Integer.toString(commandsPerMinute)));
    }

    /** What a run committed, as comparable values. */
    private record Output(List<String> transitions, List<String> terminations, List<String> commands,
            Map<Long, Long> commandsPerMinute) {}

    private static Output read(KafkaBroker broker, ProcessorConfig config) throws InterruptedException {
        String bootstrap = broker.bootstrapServers();
        KafkaTestSupport.awaitSettled(bootstrap, config.topics().sessionTransitions().name(),
                config.topics().sessionTerminations().name(), config.topics().exportCommands().name());
        return new Output(
                values(bootstrap, config.topics().sessionTransitions().name(), SessionTransition.class,
                        t -> t.getArn() + "#" + t.getSequence() + " " + t.getFrom() + ">" + t.getTo() + ":" + t.getReason()),
                // a VANISHED session's end is when memory saw it first missed; a restart forgets that (README),
                // so its duration may differ by the cycles the restart delayed it
                values(bootstrap, config.topics().sessionTerminations().name(), SessionTermination.class,
                        t -> t.getArn() + " " + t.getStatus() + ":" + t.getReason() + " " + t.getCategory()
                                + " " + (t.getStatus().equals("VANISHED") ? "~" : t.getDurationMillis())
                                + " " + t.getReconnectCount()),
                values(bootstrap, config.topics().exportCommands().name(), ExportCommand.class,
                        c -> c.getArn() + " " + c.getCommandId() + " " + c.getRule() + " " + c.getOutputUri()),
                KafkaTestSupport.readCommitted(bootstrap, config.topics().exportCommands().name(), ExportCommand.class)
                        .stream().collect(Collectors.groupingBy(r -> Math.floorDiv(r.timestamp(), 60_000L),
                                TreeMap::new, Collectors.counting())));
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<String> values(String bootstrap, String topic,
            Class<T> type, Function<T, String> text) {
        return KafkaTestSupport.readCommitted(bootstrap, topic, type).stream().map(ConsumerRecord::value).map(text)
                .sorted().toList();
    }

    @Test
    void emitsEveryTransitionExactlyOnceAcrossAbruptRestarts(KafkaBroker broker, @TempDir Path uninterruptedState,
            @TempDir Path interruptedState, @TempDir Path logs) throws Exception {
        String run = KafkaTestSupport.unique("");
        ProcessorConfig reference = ProcessorConfig.from(
                settings(broker, "eos-ref-" + run + ".", "glsmon-eos-ref-" + run, uninterruptedState, NEVER_BINDS));
        Map<String, String> interruptedSettings =
                settings(broker, "eos-kill-" + run + ".", "glsmon-eos-kill-" + run, interruptedState, CEILING);
        ProcessorConfig interrupted = ProcessorConfig.from(interruptedSettings);
        Workload referenceInput = Workload.generate(reference.topics(), PARTITIONS, SESSIONS, 3, CYCLES, SEED);
        Workload interruptedInput = Workload.generate(interrupted.topics(), PARTITIONS, SESSIONS, 3, CYCLES, SEED);

        try (Admin admin = KafkaTestSupport.admin(broker.bootstrapServers());
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers())) {
            // the reference: uninterrupted, in this JVM
            KafkaTestSupport.createTopics(broker.bootstrapServers(), reference.topics().all());
            try (Metrics metrics = Metrics.create("processor");
                    ProcessorApp app = ProcessorApp.start(reference, new Properties(), metrics.registry())) {
                referenceInput.produceAll(producer);
                await("the uninterrupted run", Duration.ofSeconds(120), () -> KafkaTestSupport.caughtUp(admin,
                        reference.applicationId(), inputs(reference)));
            }
            Output expected = read(broker, reference);

            // the same input into a child JVM that is killed twice while the input streams in
            KafkaTestSupport.createTopics(broker.bootstrapServers(), interrupted.topics().all());
            List<ChildJvm> children = new ArrayList<>();
            try {
                children.add(startChild(interruptedSettings, logs.resolve("child-1.log")));
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    interruptedInput.produceCycle(producer, cycle);
                    producer.flush();
                    if (cycle == CYCLES / 3 || cycle == 2 * CYCLES / 3) {
                        int done = cycle;
                        await("the child to commit output of cycle " + cycle, Duration.ofSeconds(120),
                                () -> committedSnapshots(admin, interrupted) > 0 && progressed(admin, interrupted, done));
                        children.get(children.size() - 1).kill(); // SIGKILL: no hook, no flush, no commit
                        LOG.info("killed the processor at cycle {}; restarting it", cycle);
                        children.add(startChild(interruptedSettings, logs.resolve("child-" + (children.size() + 1) + ".log")));
                    } else {
                        Thread.sleep(30); // let the input arrive as a stream, so that kills land mid-transaction
                    }
                }
                await("the interrupted run", Duration.ofSeconds(180), () -> KafkaTestSupport.caughtUp(admin,
                        interrupted.applicationId(), inputs(interrupted)));
            } finally {
                for (ChildJvm child : children) {
                    child.close();
                }
            }
            Output actual = read(broker, interrupted);

            LOG.info("reference: {} transitions, {} terminations, {} commands (per minute {}); interrupted run with a"
                    + " ceiling of {}: {} commands (per minute {})", expected.transitions().size(),
                    expected.terminations().size(), expected.commands().size(), expected.commandsPerMinute(), CEILING,
                    actual.commands().size(), actual.commandsPerMinute());
            int written = KafkaTestSupport.readBytes(broker.bootstrapServers(),
                    interrupted.topics().sessionTransitions().name(), "read_uncommitted").size();
            LOG.info("interrupted run: {} transitions committed, {} records in the log (the rest were aborted with the"
                    + " killed transactions)", actual.transitions().size(), written);
            assertThat(expected.transitions()).hasSizeGreaterThan(SESSIONS * 4).doesNotHaveDuplicates();
            assertThat(expected.commands()).isNotEmpty();
            assertThat(actual.transitions()).doesNotHaveDuplicates().containsExactlyElementsOf(expected.transitions());
            assertThat(actual.terminations()).containsExactlyElementsOf(expected.terminations());
            assertThat(expected.commandsPerMinute().values()).as("a minute where the ceiling binds")
                    .anyMatch(n -> n > CEILING);
            assertThat(actual.commands()).as("commands issued, none twice, only candidates").doesNotHaveDuplicates()
                    .isSubsetOf(expected.commands());
            Map<Long, Long> capped = new TreeMap<>();
            expected.commandsPerMinute().forEach((minute, n) -> capped.put(minute, Math.min(n, CEILING)));
            assertThat(actual.commandsPerMinute()).as("commands per minute: min(ceiling %d, candidates)", CEILING)
                    .isEqualTo(capped);
        }
    }

    /** The input topics and the admission step's: a candidate is a command only once the step consumed it. */
    private static Set<String> inputs(ProcessorConfig config) {
        return Set.of(config.topics().sessionSnapshots().name(), config.topics().pollCycles().name(),
                ProcessorTopology.exportAdmissionTopic(config.applicationId()));
    }

    private static long committedSnapshots(Admin admin, ProcessorConfig config) {
        try {
            return admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(config.topics().sessionSnapshots().name()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The child has committed input beyond the first cycles (it is processing, not just starting). */
    private static boolean progressed(Admin admin, ProcessorConfig config, int cycle) {
        try {
            Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets(config.applicationId())
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(config.topics().pollCycles().name()))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            // three groups write one marker per partition per cycle: cycle/2 cycles in is past the start
            return committed.values().stream().mapToLong(Long::longValue).min().orElse(0) >= 3L * (cycle / 2);
        } catch (Exception e) {
            return false;
        }
    }

    private static ChildJvm startChild(Map<String, String> settings, Path log) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--kafka-property=commit.interval.ms=100");
        // static membership: the restarted instance takes its partitions back without waiting out a session
        args.add("--kafka-property=group.instance.id=eos-it-instance");
        args.add("--kafka-property=session.timeout.ms=10000");
        return ChildJvm.start("processor child", List.of("-Xmx256m"), ProcessorMain.class.getName(), args, log);
    }
}
