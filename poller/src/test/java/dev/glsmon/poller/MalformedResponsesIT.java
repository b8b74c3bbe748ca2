package dev.glsmon.poller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.poller.cycle.CycleReport;
import dev.glsmon.poller.cycle.GroupCycleReport;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.Malformation;
import dev.glsmon.simulator.OperationFaults;
import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.StatusReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged API answers of every kind the simulator makes, on the listing and then on
 * GetStreamSession: the poller logs one WARN line per failure (no stack trace), counts it, marks the
 * cycle incomplete when sessions could not be trusted, never invents a status or a vanished session,
 * and completes again once the fault is gone.
 */
class MalformedResponsesIT extends WithTestbed {

    private static final int SESSIONS = 200;
    private static final int GROUPS = 2;

    @ParameterizedTest
    @EnumSource(Malformation.class)
    void logsCountsAndCarriesOnWithoutInventingAnything(Malformation kind) throws Exception {
        List<String> groups = bed.sim.control().populate(SESSIONS, GROUPS);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PollerApp app = bed.track(PollerApp.builder(bed.config().streamGroups(groups).maxAttempts(2).build())
                .credentialsProvider(Testbed.CREDENTIALS).meterRegistry(registry).scheduled(false).start());
        assertThat(app.poller().pollOnce().allComplete()).isTrue();
        boolean losesData = kind != Malformation.EXTRA_FIELDS;

        // 1. every listing page damaged
        bed.sim.faults().set(ApiOperation.LIST_STREAM_SESSIONS, OperationFaults.NONE.withMalformed(1.0, kind));
        Captured<CycleReport> listing = capture(() -> app.poller().pollOnce());

        assertThat(listing.value().groups()).hasSize(GROUPS).allSatisfy(g ->
                assertThat(g.outcome()).isEqualTo(losesData ? "incomplete" : "complete"));
        List<PollCycle> markers = bed.values(bed.topics.pollCycles());
        for (GroupCycleReport group : listing.value().groups()) {
            assertThat(markers).filteredOn(m -> m.getCycleId().equals(group.cycleId())).hasSize(Testbed.PARTITIONS)
                    .allSatisfy(m -> assertThat(m.getComplete()).isEqualTo(!losesData));
        }
        assertThat(listing.warnings()).as(listing.text()).hasSize(losesData ? GROUPS : 0)
                .allSatisfy(line -> assertThat(line).contains("cycle "));
        assertThat(listing.text()).as("no stack trace").doesNotContain("\tat ", "Exception in");
        if (kind == Malformation.TRUNCATED_JSON) {
            assertThat(count(registry, "glsmon.poller.malformed.responses", "operation", "ListStreamSessions", "kind",
                    "unparseable")).isGreaterThanOrEqualTo(GROUPS);
        } else if (kind == Malformation.MISSING_FIELDS) {
            assertThat(count(registry, "glsmon.poller.malformed.responses", "operation", "ListStreamSessions", "kind",
                    "missing_arn")).isEqualTo(SESSIONS);
        } else {
            assertThat(registry.find("glsmon.poller.malformed.responses").counters()).isEmpty();
        }

        // 2. GetStreamSession damaged. Per-group listings carry StatusReason and need no Get, so an
        // account-mode poller (whose listing lacks it) asks for the ended session's reason
        bed.sim.faults().clear();
        String ended = bed.sim.control().sessions().get(0).arn();
        bed.sim.control().transition(ended, SessionStatus.ERROR, StatusReason.PLACEMENT_TIMEOUT);
        SimpleMeterRegistry accountRegistry = new SimpleMeterRegistry();
        PollerApp accountApp = bed.track(PollerApp.builder(bed.config().mode(Mode.ACCOUNT).maxAttempts(2).build())
                .credentialsProvider(Testbed.CREDENTIALS).meterRegistry(accountRegistry).scheduled(false).start());
        bed.sim.faults().set(ApiOperation.GET_STREAM_SESSION, OperationFaults.NONE.withMalformed(1.0, kind));
        Captured<CycleReport> get = capture(() -> cycleWithGets(accountApp));

        assertThat(get.value().allComplete()).as("the listing itself was whole").isTrue();
        assertThat(get.value().getCalls()).isEqualTo(1);
        assertThat(get.warnings()).as(get.text()).hasSize(losesData ? 1 : 0)
                .allSatisfy(line -> assertThat(line).contains("GetStreamSession for " + ended));
        assertThat(get.text()).as("no stack trace").doesNotContain("\tat ");
        if (kind == Malformation.MISSING_FIELDS) {
            assertThat(count(accountRegistry, "glsmon.poller.malformed.responses", "operation", "GetStreamSession",
                    "kind", "missing_arn")).isEqualTo(1);
        } else if (kind == Malformation.TRUNCATED_JSON) {
            assertThat(count(accountRegistry, "glsmon.poller.malformed.responses", "operation", "GetStreamSession",
                    "kind", "unparseable")).isGreaterThanOrEqualTo(1);
        }

        // 3. fault removed: complete again, the reason arrives, nothing was invented on the way
        bed.sim.faults().clear();
        CycleReport recovered = cycleWithGets(accountApp);
        assertThat(recovered.allComplete()).isTrue();
        assertThat(recovered.sessions()).isEqualTo(SESSIONS);
        assertThat(cycleWithGets(app).allComplete()).isTrue();
        List<SessionSnapshot> snapshots = bed.snapshots();
        assertThat(snapshots).filteredOn(s -> s.getArn().equals(ended))
                .anyMatch(s -> "ERROR".equals(s.getStatus()) && "placementTimeout".equals(s.getStatusReason()));
        assertThat(snapshots).as("no false VANISHED: nobody was reported gone").noneMatch(SessionSnapshot::getNotFound);
        assertThat(snapshots).as("no invented status").allSatisfy(s -> assertThat(s.getStatus())
                .isIn("ACTIVATING", "ACTIVE", "CONNECTED", "PENDING_CLIENT_RECONNECTION", "RECONNECTING",
                        "TERMINATING", "TERMINATED", "ERROR"));
        assertThat(snapshots).allSatisfy(s -> assertThat(s.getArn()).isNotBlank());
    }

    private static CycleReport cycleWithGets(PollerApp app) throws InterruptedException {
        CycleReport report = app.poller().pollOnce();
        assertThat(app.poller().awaitEnrichment(java.time.Duration.ofSeconds(30))).isTrue();
        return report;
    }

    private static double count(SimpleMeterRegistry registry, String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** What a call logged: the logs go to stdout (logback-test.xml), copied here while it runs. */
    private record Captured<T>(T value, String text) {
        List<String> warnings() {
            return text.lines().filter(l -> l.contains(" WARN ") && l.contains("dev.glsmon.poller")).toList();
        }
    }

    private static <T> Captured<T> capture(Callable<T> call) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
        try {
            T value = call.call();
            return new Captured<>(value, copy.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
