package dev.glsmon.proof;

import static dev.glsmon.proof.FaultRun.pause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.EmbeddedKafkaBroker;
import dev.glsmon.broker.EmbeddedKafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16: what a production Kafka cluster does to glsmon. Three KRaft brokers (each its own child
 * JVM), glsmon's topics created by its own {@code TopicInitializer} (replication factor 3,
 * min.insync.replicas 2), the real poller and processor as child JVMs, judged against the truth and
 * the uninterrupted reference as in {@link FaultInjectionIT}. Every test also watches from outside
 * ({@link ProgressWatch}) and prints one {@code CLUSTER <name>:} line: the longest time without
 * committed output reaching a reader, the longest time without a complete poller cycle, and how long
 * the processor did not report Kafka Streams RUNNING. The three tests share one cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {

    private static final int BROKERS = 3;
    /** A stall the poller must end by itself: its cycles resume within this after a fault. */
    private static final Duration CYCLES_RESUME_WITHIN = Duration.ofMinutes(1);
    private static final Duration KILLED_FOR = Duration.ofSeconds(30);
    private static final Duration IN_SYNC_WITHIN = Duration.ofSeconds(90);

    private static EmbeddedKafkaCluster cluster;
    private static EmbeddedKafkaBroker referenceBroker;

    @BeforeAll
    static void startBrokers() throws Exception {
        cluster = EmbeddedKafkaCluster.start(BROKERS, FaultRun.emptyDirectory("cluster-kafka"));
        referenceBroker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopBrokers() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
        if (referenceBroker != null) {
            referenceBroker.close();
        }
    }

    /** Every node back and every partition fully in sync before the next test's fault. */
    @AfterEach
    void restoreCluster() throws InterruptedException {
        for (int id : cluster.nodeIds()) {
            if (!cluster.isRunning(id)) {
                cluster.start(id);
            }
        }
        cluster.awaitFullyReplicated(IN_SYNC_WITHIN);
    }

    @Test
    @Order(1)
    @Timeout(240)
    void brokerLeadingMostSnapshotPartitionsKilledAndBack30SecondsLater() throws Exception {
        runWith("cluster-leader-sigkill", run -> {
            assertReplicatedThreeTimesWithTwoInSync(run);
            return killAndStartAgain(leaderOfMostSnapshotPartitions(run), "leading most snapshot partitions");
        });
    }

    @Test
    @Order(2)
    @Timeout(300)
    void rollingRestartOfAllThreeBrokersWhileTheDemoRuns() throws Exception {
        runWith("cluster-rolling-restart", run -> {
            for (int id : cluster.nodeIds()) {
                // what an operator does: one broker at a time, the next only once every partition is in sync again
                cluster.stop(id);
                cluster.start(id);
                cluster.awaitFullyReplicated(IN_SYNC_WITHIN);
            }
            return "rolling restart of brokers " + cluster.nodeIds();
        });
    }

    @Test
    @Order(3)
    @Timeout(240)
    void brokerCoordinatingTheProcessorsTransactionsKilled() throws Exception {
        runWith("cluster-coordinator-sigkill",
                run -> killAndStartAgain(transactionCoordinator(run), "the processor's transaction coordinator"));
    }

    /** What a test does to the cluster while the pipeline runs; returns how to call it in the figures line. */
    @FunctionalInterface
    private interface Fault {
        String inject(FaultRun run) throws Exception;
    }

    /** Starts a run, watches it, lets it settle, injects the fault and judges the run. */
    private static void runWith(String name, Fault fault) throws Exception {
        try (FaultRun run = FaultRun.startFresh(name, cluster, referenceBroker, List.of())) {
            ProgressWatch watch = run.watch();
            pause(Duration.ofSeconds(8));
            Instant at = Instant.now();
            String description = fault.inject(run);
            judge(run, watch, description, at);
        }
    }

    /** SIGKILL, 30 s down, started again on its data, and every partition in sync again. */
    private static String killAndStartAgain(int node, String role) throws InterruptedException {
        cluster.kill(node);
        pause(KILLED_FOR);
        cluster.start(node);
        cluster.awaitFullyReplicated(IN_SYNC_WITHIN);
        return "broker " + node + " (" + role + ") SIGKILLed, started again " + KILLED_FOR.toSeconds() + " s later";
    }

    /**
     * Lets the pipeline run on after the fault, then judges: the poller polls nothing while a cycle
     * waits for its snapshots' acknowledgements (a partition without a leader), so the longest span
     * without a complete cycle is judged like the broker outage in {@link FaultInjectionIT}, blind,
     * and nothing else is; that stall must end within a minute; neither child was restarted; Kafka
     * Streams is RUNNING again by itself.
     */
    private static void judge(FaultRun run, ProgressWatch watch, String fault, Instant faultAt) throws Exception {
        run.awaitProcessing();
        pause(Duration.ofSeconds(12));
        Instant end = Instant.now();
        Duration withoutOutput = watch.longestWithoutOutput(faultAt, end);
        ProgressWatch.Span stall = watch.longestWithoutCycle(faultAt, end);
        Duration withoutCycle = stall.length();
        Duration notRunning = watch.notRunning(faultAt, end);
        boolean runningAtEnd = watch.runningNow();
        run.blind(stall.from(), stall.until());
        FaultFigures figures = run.finish();
        System.out.printf("CLUSTER %s: %s; longest without committed output %.1f s, without a complete poller"
                        + " cycle %.1f s, Kafka Streams not RUNNING for %.1f s%n", run.applicationId(), fault,
                withoutOutput.toMillis() / 1000.0, withoutCycle.toMillis() / 1000.0, notRunning.toMillis() / 1000.0);
        assertThat(run.pollerStarts()).as("poller starts (no restart by the test)").isEqualTo(1);
        assertThat(run.processorStarts()).as("processor starts (no restart by the test)").isEqualTo(1);
        assertThat(runningAtEnd).as("Kafka Streams RUNNING again by itself").isTrue();
        assertThat(withoutCycle).as("longest time without a complete poller cycle").isLessThan(CYCLES_RESUME_WITHIN);
        figures.assertNothingLostDuplicatedOrFalse();
    }

    /** glsmon's own topics and Kafka Streams' internal ones: three replicas, a write needs two. */
    private static void assertReplicatedThreeTimesWithTwoInSync(FaultRun run) throws Exception {
        try (Admin admin = admin()) {
            List<String> topics = admin.listTopics(new ListTopicsOptions()).names().get().stream()
                    .filter(name -> name.startsWith(run.topics().prefix()) || name.startsWith(run.applicationId()))
                    .sorted().toList();
            assertThat(topics).as("glsmon's topics and the processor's changelogs")
                    .contains(run.topics().sessionSnapshots().name())
                    .anyMatch(name -> name.startsWith(run.applicationId()) && name.endsWith("-changelog"));
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                assertThat(topic.partitions()).as("%s replicas", topic.name())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }
            List<ConfigResource> resources = topics.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            admin.describeConfigs(resources).all().get().forEach((resource, config) ->
                    assertThat(config.get("min.insync.replicas").value()).as("%s min.insync.replicas", resource.name())
                            .isEqualTo("2"));
        }
    }

    private static int leaderOfMostSnapshotPartitions(FaultRun run) throws Exception {
        try (Admin admin = admin()) {
            String snapshots = run.topics().sessionSnapshots().name();
            Map<Integer, Long> led = admin.describeTopics(List.of(snapshots)).allTopicNames().get().get(snapshots)
                    .partitions().stream().map(TopicPartitionInfo::leader).map(Node::id)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            System.out.printf("CLUSTER %s: snapshot partitions led per broker %s%n", run.applicationId(), led);
            return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /** The broker coordinating the transactions of the processor's producer (Kafka Streams names them after the application). */
    private static int transactionCoordinator(FaultRun run) throws Exception {
        try (Admin admin = admin()) {
            List<String> ids = new ArrayList<>();
            for (TransactionListing listing : admin.listTransactions().all().get()) {
                if (listing.transactionalId().startsWith(run.applicationId())) {
                    ids.add(listing.transactionalId());
                }
            }
            assertThat(ids).as("the processor's transactional ids").isNotEmpty();
            Map<String, TransactionDescription> descriptions = admin.describeTransactions(ids).all().get();
            Map<Integer, List<String>> byCoordinator = descriptions.entrySet().stream().collect(Collectors.groupingBy(
                    e -> e.getValue().coordinatorId(), Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            System.out.printf("CLUSTER %s: transaction coordinators %s%n", run.applicationId(), byCoordinator);
            return byCoordinator.entrySet().stream()
                    .max(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000));
    }
}
