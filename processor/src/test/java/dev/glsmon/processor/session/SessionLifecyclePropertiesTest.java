package dev.glsmon.processor.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The session state machine under random input: snapshots in any order of statuses (known ones
 * and one from a newer API), with and without reasons, stale, repeated, reported gone, and the
 * processor's own VANISHED and end-of-wait decisions. Seeded, so a failure reproduces.
 */
class SessionLifecyclePropertiesTest {

    private static final String ARN = "arn:aws:gameliftstreams:us-west-2:1:streamsession/sg-1/s-1";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> STATUSES = List.of("ACTIVATING", "ACTIVE", "CONNECTED",
            "PENDING_CLIENT_RECONNECTION", "RECONNECTING", "TERMINATING", "TERMINATED", "ERROR", "FROM_A_NEWER_API");

    private final SessionLifecycle lifecycle = new SessionLifecycle(
            new TerminationCategories(ProcessorConfig.DEFAULT_REASON_CATEGORIES, Set.of("CAPACITY", "PLATFORM")),
            1, Duration.ofHours(24));

    /** One input: a snapshot, or (kind VANISH / WAIT_OVER) a decision the processor takes at a marker. */
    record Input(String kind, String status, String reason, int secondsStep, boolean getStreamSession) {}

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Input> snapshot = Combinators.combine(
                        Arbitraries.of(STATUSES),
                        Arbitraries.of("applicationExit", "idleTimeout", "internalError").injectNull(0.6),
                        Arbitraries.integers().between(-30, 60),
                        Arbitraries.of(true, false))
                .as((status, reason, step, get) -> new Input("SNAPSHOT", status, reason, step, get));
        Arbitrary<Input> other = Arbitraries.of(
                new Input("VANISH", null, null, 5, false),
                new Input("WAIT_OVER", null, null, 5, false),
                new Input("NOT_FOUND", null, null, 5, true));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(12, snapshot),
                        net.jqwik.api.Tuple.of(1, other))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    /** What a run produced. */
    private static final class Run {
        SessionState state;
        final List<SessionTransition> transitions = new ArrayList<>();
        final List<SessionTermination> terminations = new ArrayList<>();
        Instant lastUpdated = T0;
        Instant observed = T0;
    }

    private Run run(List<Input> inputs, java.util.function.BiConsumer<Run, Outcome> check) {
        Run run = new Run();
        for (Input input : inputs) {
            run.observed = run.observed.plusSeconds(5);
            Outcome outcome = switch (input.kind()) {
                case "SNAPSHOT" -> {
                    run.lastUpdated = run.lastUpdated.plusSeconds(input.secondsStep());
                    yield lifecycle.onSnapshot(ARN, run.state, snapshot(input, run), run.observed.toEpochMilli(), null);
                }
                case "NOT_FOUND" -> run.state == null ? null : lifecycle.onSnapshot(ARN, run.state,
                        snapshotBuilder(run.state.getStatus(), null, run).setNotFound(true).build(),
                        run.observed.toEpochMilli(), null);
                case "VANISH" -> run.state == null || run.state.getEnded() ? null
                        : lifecycle.onVanished(ARN, run.state, run.observed, run.observed, "c", run.observed.toEpochMilli());
                default -> run.state == null ? null : lifecycle.onReasonWaitOver(ARN, run.state);
            };
            if (outcome == null) {
                continue;
            }
            check.accept(run, outcome);
            if (outcome.ignored() == null && outcome.state() != null) {
                run.state = outcome.state();
            }
            run.transitions.addAll(outcome.transitions());
            if (outcome.termination() != null) {
                run.terminations.add(outcome.termination());
            }
        }
        return run;
    }

    private static SessionSnapshot snapshot(Input input, Run run) {
        return snapshotBuilder(input.status(), input.reason(), run)
                .setSource(input.getStreamSession() ? SessionLifecycle.GET_STREAM_SESSION : "ListStreamSessions")
                .build();
    }

    private static SessionSnapshot.Builder snapshotBuilder(String status, String reason, Run run) {
        return SessionSnapshot.newBuilder()
                .setArn(ARN).setStreamGroupId("sg-1").setSessionId("s-1").setStatus(status).setStatusReason(reason)
                .setLocation("us-west-2").setCreatedAt(T0).setLastUpdatedAt(run.lastUpdated)
                .setObservedAt(run.observed).setCycleId("c").setSource("ListStreamSessions");
    }

    @Property(seed = "20261123", tries = 500)
    void sequencesRunFromOneWithoutGaps(@ForAll("inputs") List<Input> inputs) {
        Run run = run(inputs, (r, o) -> {});

        for (int i = 0; i < run.transitions.size(); i++) {
            assertThat(run.transitions.get(i).getSequence()).isEqualTo(i + 1L);
        }
        if (run.state != null) {
            assertThat(run.state.getSequence()).isEqualTo(run.transitions.size());
            assertThat(run.state.getStatus()).isEqualTo(run.transitions.get(run.transitions.size() - 1).getTo());
        }
    }

    @Property(seed = "20261123", tries = 500)
    void emitsNothingWhenTheSameSnapshotComesAgain(@ForAll("inputs") List<Input> inputs) {
        Run run = new Run();
        for (Input input : inputs) {
            if (!input.kind().equals("SNAPSHOT")) {
                continue;
            }
            run.observed = run.observed.plusSeconds(5);
            run.lastUpdated = run.lastUpdated.plusSeconds(input.secondsStep());
            SessionSnapshot snapshot = snapshot(input, run);
            Outcome first = lifecycle.onSnapshot(ARN, run.state, snapshot, run.observed.toEpochMilli(), null);
            if (first.ignored() == null && first.state() != null) {
                run.state = first.state();
            }
            if (run.state == null) {
                continue;
            }

            Outcome again = lifecycle.onSnapshot(ARN, run.state, snapshot, run.observed.toEpochMilli(), null);

            assertThat(again.transitions()).isEmpty();
            assertThat(again.termination()).isNull();
            assertThat(again.changed()).isFalse();
        }
    }

    @Property(seed = "20261123", tries = 500)
    void aRepeatedSnapshotChangesNothing(@ForAll("inputs") List<Input> inputs) {
        Run run = run(inputs, (r, o) -> {});
        if (run.state == null || run.state.getEnded()) {
            return;
        }
        SessionSnapshot same = snapshotBuilder(run.state.getStatus(), run.state.getStatusReason(), run)
                .setLastUpdatedAt(run.state.getLastUpdatedAt()).build();

        Outcome outcome = lifecycle.onSnapshot(ARN, run.state, same, run.observed.toEpochMilli(), null);

        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.transitions()).isEmpty();
        assertThat(outcome.termination()).isNull();
        assertThat(outcome.state()).isSameAs(run.state);
    }

    @Property(seed = "20261123", tries = 500)
    void aStaleSnapshotChangesNothing(@ForAll("inputs") List<Input> inputs, @ForAll("statuses") String status) {
        Run run = run(inputs, (r, o) -> {});
        if (run.state == null || run.state.getLastUpdatedAt() == null) {
            return;
        }
        SessionSnapshot stale = snapshotBuilder(status, "applicationExit", run)
                .setLastUpdatedAt(run.state.getLastUpdatedAt().minusMillis(1)).build();

        Outcome outcome = lifecycle.onSnapshot(ARN, run.state, stale, run.observed.toEpochMilli(), null);

        assertThat(outcome.stale()).isTrue();
        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.transitions()).isEmpty();
        assertThat(outcome.termination()).isNull();
    }

    @Provide
    Arbitrary<String> statuses() {
        return Arbitraries.of(STATUSES);
    }

    @Property(seed = "20261123", tries = 500)
    void emitsAtMostOneTerminationAndOnlyForAnEndedSession(@ForAll("inputs") List<Input> inputs) {
        Run run = run(inputs, (r, outcome) -> {
            if (outcome.termination() != null) {
                assertThat(Lifecycle.isEnded(outcome.state().getStatus())).isTrue();
                assertThat(outcome.termination().getStatus()).isEqualTo(outcome.state().getStatus());
            }
        });

        assertThat(run.terminations).hasSizeLessThanOrEqualTo(1);
        if (run.state != null) {
            assertThat(run.state.getTerminationEmitted()).isEqualTo(!run.terminations.isEmpty());
        }
    }

    @Property(seed = "20261123", tries = 500)
    void aSessionThatEndedHasItsTerminationOrWaitsForItsReason(@ForAll("inputs") List<Input> inputs) {
        Run run = run(inputs, (r, o) -> {});
        if (run.state == null || !run.state.getEnded()) {
            return;
        }
        Outcome waitOver = lifecycle.onReasonWaitOver(ARN, run.state);
        int total = run.terminations.size() + (waitOver.termination() == null ? 0 : 1);
        assertThat(total).isEqualTo(1);
    }

    @Property(seed = "20261123", tries = 500)
    void marksExactlyTheTransitionsOffTheDocumentedGraphAsInferred(@ForAll("inputs") List<Input> inputs) {
        Run run = run(inputs, (r, o) -> {});

        for (SessionTransition t : run.transitions) {
            boolean expected = Lifecycle.VANISHED.equals(t.getTo()) || !Lifecycle.isDirect(t.getFrom(), t.getTo());
            assertThat(t.getInferred()).as("%s -> %s", t.getFrom(), t.getTo()).isEqualTo(expected);
            assertThat(Objects.equals(t.getFrom(), t.getTo()) && t.getReason() == null)
                    .as("a reason-only transition always brings a reason").isFalse();
        }
    }

    private static String currentStatus(Outcome outcome) {
        return outcome.state() == null ? null : outcome.state().getStatus();
    }
}
