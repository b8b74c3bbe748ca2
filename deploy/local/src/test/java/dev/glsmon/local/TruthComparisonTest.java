package dev.glsmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.glsmon.local.TruthComparison.Figures;
import dev.glsmon.local.TruthComparison.Judging;
import dev.glsmon.local.TruthComparison.ObservedTermination;
import dev.glsmon.local.TruthComparison.Period;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.simulator.TruthEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge of the local stack's and the proof's end-to-end tests, on synthetic truth: times are
 * minutes of simulator time, the poll interval one minute (x60 with a 1 s poll), the run two hours
 * long, so that states from minute 3 to minute 117 are judged.
 */
class TruthComparisonTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration POLL = Duration.ofMinutes(1);
    private static final Instant END = at(120);
    private static final Judging RUN = Judging.of(POLL, T0, END);
    private static final String WEST = "us-west-2";

    private final List<TruthEvent> truth = new ArrayList<>();
    private final List<SessionTransition> transitions = new ArrayList<>();
    private final List<ObservedTermination> terminations = new ArrayList<>();

    @Test
    void countsALongStateNoPollReportedAsLostWhateverTheCyclesTook() {
        // CONNECTED for 9 polls; nothing says whether a cycle ran meanwhile, and nothing may excuse the miss
        session("s1", 10, "ACTIVATING", 10.5, "ACTIVE", 11, "CONNECTED", 20, "TERMINATING");
        end("s1", 20.5, "TERMINATED", "apiTerminated");
        removed("s1", 40);
        reported("s1", null, "ACTIVATING", null, 10.2);
        reported("s1", "ACTIVATING", "TERMINATED", "apiTerminated", 21);
        terminated("s1", "TERMINATED", "apiTerminated", 20.5, 21);

        Figures figures = judge();

        assertThat(figures.observableStates()).as("CONNECTED and TERMINATED lasted over two polls").isEqualTo(2);
        assertThat(figures.lostStates()).isEqualTo(1);
        assertThat(figures.lostShare()).isEqualTo(0.5);
        assertThat(figures.examples()).anyMatch(e -> e.startsWith("lost CONNECTED"));
        assertThat(figures.endsRight()).isEqualTo(1);
    }

    @Test
    void aStateCountsAsReportedByATransitionWhileItLastedOrByTheStatusGlsmonStillShowed() {
        // s1: a reconnect of 0.4 polls between two CONNECTED states: no poller sees it, and glsmon
        // shows CONNECTED all along, so the second CONNECTED was reported
        session("s1", 10, "ACTIVATING", 10.5, "ACTIVE", 11, "CONNECTED", 20, "PENDING_CLIENT_RECONNECTION", 20.2,
                "RECONNECTING", 20.4, "CONNECTED", 40, "TERMINATING");
        end("s1", 40.5, "TERMINATED", "apiTerminated");
        reported("s1", null, "ACTIVATING", null, 10.1);
        reported("s1", "ACTIVATING", "CONNECTED", null, 12);
        reported("s1", "CONNECTED", "TERMINATED", "apiTerminated", 41);
        terminated("s1", "TERMINATED", "apiTerminated", 40.5, 41);
        // s2: glsmon saw the long disconnect but never the return: its second CONNECTED is lost
        session("s2", 10, "CONNECTED", 20, "PENDING_CLIENT_RECONNECTION", 24, "CONNECTED", 40, "TERMINATING");
        end("s2", 40.5, "TERMINATED", "apiTerminated");
        reported("s2", null, "CONNECTED", null, 10.5);
        reported("s2", "CONNECTED", "PENDING_CLIENT_RECONNECTION", null, 20.5);
        reported("s2", "PENDING_CLIENT_RECONNECTION", "TERMINATED", "apiTerminated", 41);
        terminated("s2", "TERMINATED", "apiTerminated", 40.5, 41);

        Figures figures = judge();

        assertThat(figures.observableStates()).isEqualTo(3 + 4);
        assertThat(figures.lostStates()).isEqualTo(1);
        assertThat(figures.examples()).anyMatch(e -> e.contains("CONNECTED " + at(24)) && e.endsWith("s2"));
    }

    @Test
    void judgesNeitherStatesBeforeTheFirstPollPlusThreeIntervalsNorAnythingButThePartBeforeTheEndMinusThree() {
        session("early", 1, "CONNECTED"); // began before minute 3: not judged, reported or not
        session("late", 114, "ACTIVATING"); // judged on 114..117: three polls, unreported
        session("last", 115.5, "ACTIVATING"); // 115.5..117 is 1.5 polls: not judged
        end("early", 118, "TERMINATED", "apiTerminated"); // after minute 117: not judged

        Figures figures = judge();

        assertThat(figures.observableStates()).isEqualTo(1);
        assertThat(figures.lostStates()).isEqualTo(1);
        assertThat(figures.examples()).anyMatch(e -> e.startsWith("lost ACTIVATING") && e.endsWith("late"));
        assertThat(figures.endsJudged()).isZero();
    }

    @Test
    void aStateOfTwoPollsOrLessNeedNotBeReported() {
        session("s1", 10, "ACTIVATING", 12, "ACTIVE", 14.5, "CONNECTED");
        reported("s1", null, "CONNECTED", null, 15);

        Figures figures = judge();

        assertThat(figures.observableStates()).as("ACTIVE (2.5 polls) and CONNECTED; ACTIVATING lasted exactly two").isEqualTo(2);
        assertThat(figures.lostStates()).as("ACTIVE, 2.5 polls").isEqualTo(1);
    }

    @Test
    void everyEndNeedsExactlyOneTerminationWithItsStatusAndReasonWithinThreePolls() {
        for (String s : List.of("right", "late", "noReason", "twice", "vanished", "none", "wrongStatus")) {
            session(s, 10, "ACTIVATING", 11, "ACTIVE", 12, "CONNECTED", 29, "TERMINATING");
        }
        List.of("right", "late", "noReason", "twice", "vanished", "none")
                .forEach(s -> end(s, 30, "TERMINATED", "applicationExit"));
        end("wrongStatus", 30, "ERROR", "internalError");
        terminated("right", "TERMINATED", "applicationExit", 30, 33);
        terminated("late", "TERMINATED", "applicationExit", 30, 33.5);
        terminated("noReason", "TERMINATED", null, 30, 31);
        terminated("twice", "TERMINATED", "applicationExit", 30, 31);
        terminated("twice", "TERMINATED", "applicationExit", 30, 32);
        terminated("vanished", "VANISHED", null, 31, 33);
        terminated("wrongStatus", "TERMINATED", "apiTerminated", 30, 31);

        Figures figures = judge();

        assertThat(figures.endsJudged()).isEqualTo(7);
        assertThat(figures.endsRight()).isEqualTo(1);
        assertThat(figures.endsLate()).isEqualTo(1);
        assertThat(figures.endsWrongReason()).as("a missing reason").isEqualTo(1);
        assertThat(figures.endsTerminatedMoreThanOnce()).isEqualTo(1);
        assertThat(figures.duplicateTerminations()).isEqualTo(1);
        assertThat(figures.endsVanished()).isEqualTo(1);
        assertThat(figures.endsMissing()).isEqualTo(1);
        assertThat(figures.endsWrongStatus()).isEqualTo(1);
        assertThat(figures.rightEndShare()).isEqualTo(1.0 / 7);
        assertThat(figures.endsLost()).as("all but the right, the late and the repeated one").isEqualTo(4);
        assertThat(figures.examples()).contains("TERMINATED:null for TERMINATED:applicationExit at " + at(30) + " noReason");
    }

    @Test
    void countsAVanishedBeforeTheSimulatorRemovedTheSessionAsFalse() {
        session("early", 10, "ACTIVATING");
        end("early", 30, "TERMINATED", "apiTerminated");
        removed("early", 40);
        session("gone", 10, "ACTIVATING");
        end("gone", 30, "TERMINATED", "apiTerminated");
        removed("gone", 40);
        session("alive", 10, "CONNECTED");
        reported("early", "TERMINATED", "VANISHED", null, 35);
        reported("gone", "ACTIVATING", "VANISHED", null, 42);
        reported("alive", "CONNECTED", "VANISHED", null, 50);

        Figures figures = judge();

        assertThat(figures.falseVanished()).isEqualTo(2);
        assertThat(figures.falseTransitions()).isEqualTo(2);
        assertThat(figures.examples()).anyMatch(e -> e.startsWith("false VANISHED early"))
                .anyMatch(e -> e.startsWith("false VANISHED alive") && e.contains("never removed"));
    }

    @Test
    void countsAStatusOrReasonTheSessionHadNotHadWhenObservedAsFalse() {
        session("s1", 10, "ACTIVATING", 11, "ACTIVE", 12, "CONNECTED", 20, "TERMINATING");
        end("s1", 21, "TERMINATED", "apiTerminated");
        reported("s1", "ACTIVE", "CONNECTED", null, 11.5); // before it connected
        reported("s1", "CONNECTED", "ERROR", "internalError", 15); // never
        reported("s1", "TERMINATING", "TERMINATED", "applicationExit", 22); // another reason
        reported("s1", "TERMINATING", "TERMINATED", "apiTerminated", 22);
        reported("s1", "TERMINATING", "TERMINATED", null, 22); // no reason (yet) is no false one

        Figures figures = judge();

        assertThat(figures.falseTransitions()).isEqualTo(3);
        assertThat(figures.falseVanished()).isZero();
    }

    @Test
    void countsAGapThatSkippedStatesWithoutSayingSo() {
        session("s1", 10, "ACTIVATING", 11, "ACTIVE", 12, "CONNECTED", 20, "PENDING_CLIENT_RECONNECTION", 20.5,
                "TERMINATING");
        transitions.add(transition("s1", 1, null, "ACTIVATING", null, 10.5, false));
        transitions.add(transition("s1", 2, "ACTIVATING", "CONNECTED", null, 13, false)); // skipped ACTIVE
        transitions.add(transition("s1", 3, "CONNECTED", "TERMINATING", null, 21, false)); // looks direct

        Figures figures = judge();

        assertThat(figures.unflaggedGaps()).isEqualTo(1);
        assertThat(figures.gapsLikeADirectEdge()).isEqualTo(1);
    }

    @Test
    void comparesErrorSharesPerLocationAndFiveMinuteWindowWithEnoughEnds() {
        // minutes 30..35: 20 ends in us-west-2, 4 of them errors (20%); minutes 40..45: 19 ends, not judged
        for (int i = 0; i < 20; i++) {
            endedSession("w" + i, WEST, 30 + i * 0.2, i < 4 ? "applicationExit" : "apiTerminated");
        }
        for (int i = 0; i < 19; i++) {
            endedSession("few" + i, WEST, 40 + i * 0.2, "applicationExit");
        }
        for (int i = 0; i < 20; i++) {
            String reason = i < 4 ? "applicationExit" : "apiTerminated";
            if (i == 19) {
                terminated("w" + i, WEST, "VANISHED", null, 30 + i * 0.2, 33); // UNKNOWN: neither error nor known
            } else {
                terminated("w" + i, WEST, "TERMINATED", reason, 30 + i * 0.2, 31 + i * 0.2);
            }
        }

        Figures close = judge();

        assertThat(close.windowShares()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo(WEST);
            assertThat(w.windowStart()).isEqualTo(at(30));
            assertThat(w.truthShare()).isEqualTo(0.2);
            assertThat(w.reportedShare()).as("4 of 19 known").isEqualTo(4.0 / 19);
            assertThat(w.within(TruthComparison.SHARE_TOLERANCE_POINTS)).isTrue();
        });

        // one normal end reported as a client error moves glsmon's share 5 points off
        terminations.set(10, new ObservedTermination(termination("w10", WEST, "TERMINATED", "connectionTimeout", 32),
                at(33)));
        Figures off = judge();

        assertThat(off.windowsBeyond(TruthComparison.SHARE_TOLERANCE_POINTS)).singleElement()
                .satisfies(w -> assertThat(w.differencePoints()).isCloseTo(100 * (5.0 / 19 - 0.2), offset(1e-9)));
        assertThat(off.toString()).contains("1 beyond 2 points");
    }

    @Test
    void anEndKnownToWithinOnePollCountsInTheTruthsWindowOneFurtherOffInItsOwn() {
        // 20 ends in minutes 30..35, 4 errors; one error ended at 34.7 but its lastUpdatedAt moved when
        // its export resolved, to 35.5: the next window by endedAt, but within one poll of the end
        for (int i = 0; i < 20; i++) {
            endedSession("w" + i, WEST, i == 3 ? 34.7 : 30 + i * 0.2, i < 4 ? "applicationExit" : "apiTerminated");
        }
        for (int i = 0; i < 20; i++) {
            double end = i == 3 ? 34.7 : 30 + i * 0.2;
            terminated("w" + i, WEST, "TERMINATED", i < 4 ? "applicationExit" : "apiTerminated",
                    i == 3 ? end + 0.8 : end, end + 1);
        }

        assertThat(judge().windowShares()).singleElement()
                .satisfies(w -> assertThat(w.reportedShare()).isEqualTo(w.truthShare()).isEqualTo(0.2));

        // two polls off: a timing error, judged where glsmon put it
        terminations.set(3, new ObservedTermination(termination("w3", WEST, "TERMINATED", "applicationExit", 36.8),
                at(37)));
        assertThat(judge().windowShares()).singleElement()
                .satisfies(w -> assertThat(w.reportedShare()).isEqualTo(3.0 / 19));
    }

    @Test
    void aDeclaredBlindPeriodIsTheEndOfOneRunAndTheStartOfTheNext() {
        Judging blind = RUN.withBlindPeriods(List.of(new Period(at(50), at(52))));
        session("during", 51, "CONNECTED"); // began while the poller was blind
        session("justBefore", 46, "ACTIVATING", 53, "ACTIVE"); // judged on 46..47 only, then blind
        session("before", 40, "ACTIVATING", 53, "ACTIVE"); // ACTIVATING judged on 40..47
        session("after", 56, "ACTIVATING", 60, "ACTIVE"); // after 52 + 3 polls: both judged

        Figures figures = TruthComparison.fromEvents(truth, END).compare(transitions, terminations, blind);

        assertThat(figures.observableStates()).isEqualTo(3);
        assertThat(figures.examples()).noneMatch(e -> e.endsWith("during") || e.endsWith("justBefore"));
    }

    @Test
    void readsTheSimulatorsTruthLog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.jsonl");
        Files.writeString(file, String.join("\n",
                line(1, "status", 10, null, "ACTIVATING", null),
                line(2, "export", 11, null, "PENDING", null),
                line(3, "status", 12, "ACTIVATING", "ERROR", "placementTimeout"),
                line(4, "removed", 30, "ERROR", null, null)) + "\n");
        reported("s1", null, "ERROR", "placementTimeout", 13);
        terminated("s1", "ERROR", "placementTimeout", 12, 13);

        Figures figures = TruthComparison.fromJsonl(file, END).compare(transitions, terminations, RUN);

        assertThat(figures.observableStates()).as("ACTIVATING 10..12 is two polls; ERROR 12..30").isEqualTo(1);
        assertThat(figures.lostStates()).isZero();
        assertThat(figures.endsRight()).isEqualTo(1);
        assertThat(figures.falseTransitions()).isZero();
        assertThat(TruthComparison.fromJsonl(file, END).removedAt("s1")).hasValue(at(30));
    }

    // ---- building the truth and what glsmon reported ----

    private Figures judge() {
        return TruthComparison.fromEvents(truth, END).compare(transitions, terminations, RUN);
    }

    /** minute, status, minute, status, ... */
    private void session(String arn, Object... changes) {
        String from = null;
        for (int i = 0; i < changes.length; i += 2) {
            String to = (String) changes[i + 1];
            status(arn, WEST, ((Number) changes[i]).doubleValue(), from, to, null);
            from = to;
        }
    }

    private void end(String arn, double minute, String status, String reason) {
        String from = truth.stream().filter(e -> e.sessionArn().equals(arn) && e.kind() == TruthEvent.Kind.STATUS)
                .reduce((a, b) -> b).map(TruthEvent::to).orElse(null);
        status(arn, WEST, minute, from, status, reason);
    }

    private void endedSession(String arn, String location, double endMinute, String reason) {
        status(arn, location, endMinute - 1, null, "TERMINATING", null);
        status(arn, location, endMinute, "TERMINATING", "TERMINATED", reason);
    }

    private void status(String arn, String location, double minute, String from, String to, String reason) {
        truth.add(new TruthEvent(truth.size() + 1, TruthEvent.Kind.STATUS, at(minute), arn, "sg-TEST00001", location,
                from, to, reason, null));
    }

    private void removed(String arn, double minute) {
        truth.add(new TruthEvent(truth.size() + 1, TruthEvent.Kind.REMOVED, at(minute), arn, "sg-TEST00001", WEST,
                null, null, null, null));
    }

    private void reported(String arn, String from, String to, String reason, double observedMinute) {
        long sequence = transitions.stream().filter(t -> t.getArn().equals(arn)).count() + 1;
        transitions.add(transition(arn, sequence, from, to, reason, observedMinute, !Lifecycle.isDirect(from, to)));
    }

    private void terminated(String arn, String status, String reason, double endedMinute, double observedMinute) {
        terminated(arn, WEST, status, reason, endedMinute, observedMinute);
    }

    private void terminated(String arn, String location, String status, String reason, double endedMinute,
            double observedMinute) {
        terminations.add(new ObservedTermination(termination(arn, location, status, reason, endedMinute),
                at(observedMinute)));
    }

    private static SessionTransition transition(String arn, long sequence, String from, String to, String reason,
            double observedMinute, boolean inferred) {
        return SessionTransition.newBuilder().setArn(arn).setSessionId(arn).setStreamGroupId("sg-TEST00001")
                .setLocation(WEST).setFrom(from).setTo(to).setReason(reason).setSequence(sequence).setInferred(inferred)
                .setAt(at(observedMinute)).setObservedAt(at(observedMinute)).build();
    }

    private static SessionTermination termination(String arn, String location, String status, String reason,
            double endedMinute) {
        String category = reason == null ? TruthComparison.UNKNOWN
                : ProcessorConfig.DEFAULT_REASON_CATEGORIES.getOrDefault(reason, TruthComparison.UNKNOWN);
        return SessionTermination.newBuilder().setArn(arn).setSessionId(arn).setStreamGroupId("sg-TEST00001")
                .setLocation(location).setStatus(status).setReason(reason).setCategory(category)
                .setEndedAt(at(endedMinute)).build();
    }

    /** A line as the simulator's TruthLog writes it. */
    private static String line(long seq, String kind, double minute, String from, String to, String reason) {
        return String.format("{\"seq\":%d,\"kind\":\"%s\",\"time\":\"%s\",\"sessionArn\":\"s1\",\"streamGroupId\":"
                        + "\"sg-TEST00001\",\"location\":\"%s\",\"from\":%s,\"to\":%s,\"reason\":%s}",
                seq, kind, at(minute), WEST, quoted(from), quoted(to), quoted(reason));
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private static Instant at(double minute) {
        return T0.plusMillis(Math.round(minute * 60_000));
    }
}
