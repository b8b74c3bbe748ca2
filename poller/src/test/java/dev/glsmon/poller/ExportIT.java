package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.broker.KafkaBroker;
import dev.glsmon.broker.KafkaBrokerExtension;
import dev.glsmon.schemas.DeadLetter;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.ExportStatus;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.simulator.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import dev.glsmon.simulator.StreamGroupView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ExportIT {

    private static final String ALLOWED = "s3://glsmon-test/exports/";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Testbed bed;
    private StreamGroupView group;

    @BeforeEach
    void start(KafkaBroker broker) {
        bed = new Testbed(broker);
        group = bed.sim.control().createStreamGroup("exports", "us-west-2");
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private PollerConfig.Builder executorConfig(String exportGroupId) {
        return bed.config()
                .streamGroups(List.of(group.id()))
                .exportExecutor(true)
                .exportGroupId(exportGroupId)
                .exportAllowedPrefixes(List.of(ALLOWED))
                .maxAttempts(3);
    }

    private PollerApp startExecutor(String exportGroupId, SimpleMeterRegistry registry) throws InterruptedException {
        return bed.track(PollerApp.builder(executorConfig(exportGroupId).build())
                .credentialsProvider(Testbed.CREDENTIALS).meterRegistry(registry).scheduled(false).start());
    }

    private static ExportCommand command(String id, String arn, String sessionId, String groupId, String uri) {
        return ExportCommand.newBuilder()
                .setCommandId(id)
                .setArn(arn)
                .setSessionId(sessionId)
                .setStreamGroupId(groupId)
                .setRule("CLIENT_DISCONNECT")
                .setOutputUri(uri)
                .setStatusAtIssue("PENDING_CLIENT_RECONNECTION")
                .setIssuedAt(Instant.parse("2026-03-01T12:00:00Z"))
                .build();
    }

    private ExportCommand command(String id, SessionView session, String uri) {
        return command(id, session.arn(), session.id(), session.streamGroupId(), uri);
    }

    private void send(ExportCommand command) throws Exception {
        bed.produce(bed.topics.exportCommands(), command.getArn(), command);
    }

    private Map<String, ExportResult> awaitResults(int count) throws InterruptedException {
        Testbed.await(count + " export results", WAIT, () -> bed.values(bed.topics.exportResults()).size() >= count);
        return bed.values(bed.topics.exportResults()).stream()
                .collect(Collectors.toMap(ExportResult::getCommandId, Function.identity()));
    }

    private long exportCalls() {
        return bed.sim.requests().count(ApiOperation.EXPORT_STREAM_SESSION_FILES);
    }

    @Test
    void eachCommandLeadsToTheRightResultAndADuplicateToNoSecondCall() throws Exception {
        SessionView live = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.PENDING_CLIENT_RECONNECTION);
        SessionView ended = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        bed.sim.control().transition(ended.arn(), SessionStatus.TERMINATED, StatusReason.RECONNECTION_TIMEOUT);
        SessionView bystander = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        String unknownArn = ended.arn().substring(0, ended.arn().lastIndexOf('/') + 1) + "NoSuchSession1";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        startExecutor("export-" + bed.prefix, registry);

        send(command("requested", live, ALLOWED + "live.zip"));
        send(command("ended", ended, ALLOWED));
        send(command("gone", unknownArn, "NoSuchSession1", group.id(), ALLOWED));
        send(command("rejected", bystander, "s3://somebody-elses-bucket/loot.zip"));
        Map<String, ExportResult> results = awaitResults(4);

        assertThat(results.get("requested").getOutcome()).isEqualTo("REQUESTED");
        assertThat(results.get("requested").getAttempts()).isEqualTo(1);
        assertThat(results.get("requested").getArn()).isEqualTo(live.arn());
        assertThat(bed.sim.control().session(live.arn()).orElseThrow().exportStatus()).isEqualTo(ExportStatus.PENDING);
        assertThat(bed.sim.control().session(live.arn()).orElseThrow().exportOutputUri()).isEqualTo(ALLOWED + "live.zip");
        assertThat(results.get("ended").getOutcome()).isEqualTo("SKIPPED_NOT_IN_PROGRESS");
        assertThat(results.get("ended").getReason()).as("a 400, told apart by the session's status").isEqualTo("NOT_IN_PROGRESS");
        assertThat(results.get("ended").getMessage()).contains("TERMINATED");
        assertThat(results.get("gone").getOutcome()).isEqualTo("SKIPPED_NOT_IN_PROGRESS");
        assertThat(results.get("gone").getReason()).isEqualTo("NOT_FOUND");
        assertThat(results.get("rejected").getOutcome()).isEqualTo("REJECTED");
        assertThat(results.get("rejected").getReason()).isEqualTo("URI_NOT_ALLOWED");
        assertThat(results.get("rejected").getAttempts()).isZero();
        assertThat(bed.sim.control().session(bystander.arn()).orElseThrow().exportStatus()).isNull();
        assertThat(exportCalls()).as("requested, ended and gone were sent; rejected never").isEqualTo(3);

        // the API keeps failing: FAILED after the SDK's retries (max attempts 3)
        SessionView unlucky = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        bed.sim.faults().set(ApiOperation.EXPORT_STREAM_SESSION_FILES, OperationFaults.NONE.withServerErrorProbability(1.0));
        send(command("failed", unlucky, ALLOWED));
        results = awaitResults(5);
        assertThat(results.get("failed").getOutcome()).isEqualTo("FAILED");
        assertThat(results.get("failed").getAttempts()).isEqualTo(3);
        assertThat(results.get("failed").getReason()).isEqualTo("SERVER_ERROR");
        assertThat(exportCalls()).isEqualTo(6);
        bed.sim.faults().clear();

        // the same command again (a replay): no call, no second result
        send(command("requested", live, ALLOWED + "live.zip"));
        Testbed.await("the duplicate is skipped", WAIT,
                () -> registry.get("glsmon.export.duplicates").counter().count() >= 1);
        assertThat(exportCalls()).isEqualTo(6);
        assertThat(bed.values(bed.topics.exportResults())).hasSize(5);
        assertThat(registry.get("glsmon.export.results").tag("outcome", "REQUESTED").counter().count()).isEqualTo(1);
        assertThat(registry.get("glsmon.export.results").tag("outcome", "SKIPPED_NOT_IN_PROGRESS").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("glsmon.export.results").tag("outcome", "REJECTED").counter().count()).isEqualTo(1);
        assertThat(registry.get("glsmon.export.results").tag("outcome", "FAILED").counter().count()).isEqualTo(1);
    }

    @Test
    void aRestartedExecutorThatSeesEveryCommandAgainExecutesNoneTwice() throws Exception {
        SessionView live = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        SessionView other = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.ACTIVE);
        PollerApp first = startExecutor("export-a-" + bed.prefix, new SimpleMeterRegistry());
        send(command("c1", live, ALLOWED));
        send(command("c2", other, ALLOWED + "other.zip"));
        awaitResults(2);
        first.close();
        assertThat(exportCalls()).isEqualTo(2);

        // a new consumer group reads the command topic from its start: every command is a replay
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        startExecutor("export-b-" + bed.prefix, registry);
        SessionView third = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        send(command("c3", third, ALLOWED));
        awaitResults(3);

        assertThat(registry.get("glsmon.export.duplicates").counter().count()).isEqualTo(2);
        assertThat(exportCalls()).as("only c3 called").isEqualTo(3);
        assertThat(bed.values(bed.topics.exportResults())).extracting(ExportResult::getCommandId)
                .containsExactlyInAnyOrder("c1", "c2", "c3");
    }

    @Test
    void refusesEveryOutputUriOutsideTheAllowListWithoutCallingTheApi() throws Exception {
        SessionView live = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        startExecutor("export-" + bed.prefix, registry);
        List<String> outside = List.of(
                "s3://another-bucket/exports/",                 // other bucket
                "s3://glsmon-test/exports-evil/",               // merely starts with the allowed text
                "s3://glsmon-test/exportsevil/x.zip",
                "s3://glsmon-test-evil/exports/",               // a bucket that starts with the allowed one
                "http://glsmon-test/exports/",                  // not s3://
                "https://glsmon-test.s3.amazonaws.com/exports/",
                "s3://glsmon-test/exports/../private/",         // path traversal
                "s3://glsmon-test/exports/./../x.zip",
                "s3://glsmon-test/other/",
                "s3://glsmon-test/exports/ x.zip",              // whitespace
                "");

        for (int i = 0; i < outside.size(); i++) {
            send(command("outside-" + i, live, outside.get(i)));
        }
        send(command("inside", live, ALLOWED + "ok.zip"));
        Map<String, ExportResult> results = awaitResults(outside.size() + 1);

        for (int i = 0; i < outside.size(); i++) {
            assertThat(results.get("outside-" + i).getOutcome()).as(outside.get(i)).isEqualTo("REJECTED");
            assertThat(results.get("outside-" + i).getAttempts()).as(outside.get(i)).isZero();
        }
        assertThat(registry.get("glsmon.export.results").tag("outcome", "REJECTED").counter().count())
                .isEqualTo(outside.size());
        assertThat(results.get("inside").getOutcome()).isEqualTo("REQUESTED");
        assertThat(bed.sim.requests().records()).as("the simulator saw the allowed command only")
                .filteredOn(r -> r.operation() == ApiOperation.EXPORT_STREAM_SESSION_FILES).hasSize(1);
        assertThat(bed.sim.control().session(live.arn()).orElseThrow().exportOutputUri()).isEqualTo(ALLOWED + "ok.zip");
    }

    @Test
    void anUndecodableCommandGoesToTheDeadLetterTopic() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        startExecutor("export-" + bed.prefix, registry);
        SessionView live = bed.sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);

        bed.produceRaw(bed.topics.exportCommands().name(), live.arn(), new byte[] {1, 2, 3});
        send(command("after", live, ALLOWED));
        awaitResults(1);

        List<DeadLetter> letters = bed.read(deadLetters()).stream()
                .map(Testbed.Located::value).toList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getReason()).isEqualTo("DESERIALIZATION");
        assertThat(letters.get(0).getComponent()).isEqualTo("poller");
        assertThat(letters.get(0).getTopic()).isEqualTo(bed.topics.exportCommands().name());
        assertThat(registry.get("glsmon.dead.letter").counter().count()).isEqualTo(1);
    }

    /** The dead-letter topic keyed by strings (the original keys were ARNs). */
    private dev.glsmon.schemas.Topic<String, DeadLetter> deadLetters() {
        dev.glsmon.schemas.Topic<byte[], DeadLetter> topic = bed.topics.deadLetter();
        return new dev.glsmon.schemas.Topic<>(topic.name(), org.apache.kafka.common.serialization.Serdes.String(),
                topic.valueSerde(), topic.partitions(), topic.cleanupPolicy(), topic.retention());
    }
}
