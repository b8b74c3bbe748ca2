package dev.glsmon.processor.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.SessionState;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The rules that need more than one input, under random sequences of snapshots and poll-cycle
 * markers (ARCHITECTURE.md "Poll cycle marker", "Transition", "Termination"): VANISHED from complete
 * full refreshes, the wait for a StatusReason, and retention. {@link Task} stands in for the
 * processor: it applies each outcome to a map as the processor applies it to its store. Seeded, so
 * a failure reproduces.
 */
class GroupSweepsPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String GROUP = "sg-1";
    private static final List<String> SESSIONS = List.of("a", "b", "c");

    // ---------------------------------------------------------------- vanish

    /**
     * One step of a stream group's inputs: a listing of some sessions (snapshots that repeat their
     * status), or a marker: complete or not, full refresh (true, false, or absent as from old pollers),
     * and whether it overtook a snapshot of its cycle (its count says one more than was read).
     */
    record Step(Set<String> listed, boolean marker, boolean complete, Boolean fullRefresh, boolean overtook) {

        @Override
        public String toString() {
            return marker ? "marker(" + (complete ? "complete" : "incomplete") + ", full=" + fullRefresh
                    + (overtook ? ", overtook" : "") + ")" : "listed" + listed;
        }
    }

    @Provide
    Arbitrary<List<Step>> groupSteps() {
        Arbitrary<Step> listing = Arbitraries.of(SESSIONS).set().ofMinSize(1).ofMaxSize(SESSIONS.size())
                .map(listed -> new Step(listed, false, false, null, false));
        Arbitrary<Step> marker = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                        Arbitraries.of(true, false).injectNull(0.3),
                        Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)))
                .as((complete, full, overtook) -> new Step(Set.of(), true, complete, full, overtook));
        return Arbitraries.frequencyOf(Tuple.of(2, listing), Tuple.of(3, marker)).list().ofMaxSize(40);
    }

    /**
     * The rule as ARCHITECTURE.md states it, counted independently of GroupTracking: a live session
     * VANISHES at the complete full refresh (its marker not ahead of its snapshots) that makes it the
     * {@code vanishCycles}-th in a row during whose interval it was not published; a listing resets
     * the count, other markers neither count nor reset; it comes back when listed again.
     */
    @Property(seed = "20261205", tries = 1000)
    void vanishesExactlyAtTheNthCompleteFullRefreshWithoutTheSession(
            @ForAll("groupSteps") List<Step> steps, @ForAll @IntRange(min = 1, max = 3) int vanishCycles) {
        Task task = new Task(vanishCycles, 1);
        Map<String, Integer> misses = new HashMap<>();
        Map<String, Boolean> listedSinceRefresh = new HashMap<>();
        Set<String> vanished = new java.util.HashSet<>();
        SESSIONS.forEach(arn -> task.snapshot(listing(arn, "CONNECTED")));
        SESSIONS.forEach(arn -> listedSinceRefresh.put(arn, true));

        for (Step step : steps) {
            List<String> expected = new ArrayList<>();
            if (!step.marker()) {
                step.listed().forEach(arn -> {
                    misses.put(arn, 0);
                    listedSinceRefresh.put(arn, true);
                    vanished.remove(arn);
                });
                int before = task.transitions.size();
                step.listed().forEach(arn -> task.snapshot(listing(arn, "CONNECTED")));
                assertThat(task.transitions.subList(before, task.transitions.size()))
                        .as("a listing is no vanish").noneMatch(t -> t.getTo().equals("VANISHED"));
                continue;
            }
            boolean fullRefresh = !Boolean.FALSE.equals(step.fullRefresh());
            for (String arn : SESSIONS) {
                if (fullRefresh && step.complete() && !step.overtook() && !vanished.contains(arn)
                        && !listedSinceRefresh.get(arn)) {
                    int missed = misses.merge(arn, 1, Integer::sum);
                    if (missed == vanishCycles) {
                        expected.add(arn);
                        vanished.add(arn);
                    }
                }
                if (fullRefresh) {
                    listedSinceRefresh.put(arn, false);
                }
            }
            int before = task.transitions.size();
            task.marker(step);
            assertThat(task.transitions.subList(before, task.transitions.size()))
                    .as("after %s", steps.subList(0, steps.indexOf(step) + 1))
                    .allMatch(t -> t.getTo().equals("VANISHED"))
                    .extracting(SessionTransition::getArn).containsExactlyInAnyOrderElementsOf(expected);
        }
        // one termination per session, ever: VANISHED again after a come-back is a transition only
        assertThat(task.terminations).extracting(SessionTermination::getArn).doesNotHaveDuplicates();
    }

    @Property(seed = "20261205", tries = 500)
    void incompleteChangesOnlyAndOvertakenMarkersNeverVanishASession(
            @ForAll("groupSteps") List<Step> steps, @ForAll @IntRange(min = 1, max = 3) int vanishCycles) {
        Task task = withSessionListed(vanishCycles);

        for (Step step : steps) {
            if (step.marker() && (!step.complete() || Boolean.FALSE.equals(step.fullRefresh()) || step.overtook())) {
                task.marker(step);
            }
        }

        assertOnlyFirstSeen(task);
    }

    @Property(seed = "20261205", tries = 500)
    void aSessionListedBetweenEveryTwoFullRefreshesNeverVanishes(
            @ForAll("groupSteps") List<Step> steps, @ForAll @IntRange(min = 1, max = 3) int vanishCycles) {
        Task task = withSessionListed(vanishCycles);

        for (Step step : steps) {
            task.snapshot(listing("a", "CONNECTED"));
            if (step.marker()) {
                task.marker(step);
            }
        }

        assertOnlyFirstSeen(task);
    }

    @Property(seed = "20261205", tries = 500)
    void aSessionGoneForGoodVanishesOnceWithOneTermination(
            @ForAll("groupSteps") List<Step> steps, @ForAll @IntRange(min = 1, max = 3) int vanishCycles) {
        Task task = withSessionListed(vanishCycles);
        int counted = 0;
        boolean listedInThisRefresh = true; // the refresh whose marker comes next listed it

        for (Step step : steps) {
            if (!step.marker()) {
                continue; // "a" is never listed again
            }
            task.marker(step);
            boolean fullRefresh = !Boolean.FALSE.equals(step.fullRefresh());
            boolean counts = fullRefresh && step.complete() && !step.overtook() && !listedInThisRefresh;
            counted += counts ? 1 : 0;
            listedInThisRefresh &= !fullRefresh;
            long vanishes = task.transitions.stream().filter(t -> t.getTo().equals("VANISHED")).count();
            assertThat(vanishes).as("after %d counted full refreshes", counted).isEqualTo(counted >= vanishCycles ? 1 : 0);
        }
        assertThat(task.terminations).hasSize(counted >= vanishCycles ? 1 : 0)
                .allMatch(t -> t.getStatus().equals("VANISHED") && t.getReason() == null);
    }

    /** A task that has seen session "a" listed, CONNECTED. */
    private static Task withSessionListed(int vanishCycles) {
        Task task = new Task(vanishCycles, 1);
        task.snapshot(listing("a", "CONNECTED"));
        return task;
    }

    private static void assertOnlyFirstSeen(Task task) {
        assertThat(task.transitions).extracting(SessionTransition::getTo).containsExactly("CONNECTED");
    }

    // ---------------------------------------------------------------- reason wait

    /** After a session ended without a reason: a marker of its group or another's, or its reason (from a Get). */
    @Provide
    Arbitrary<List<String>> afterTheEnd() {
        return Arbitraries.frequency(
                        Tuple.of(5, "marker"), Tuple.of(2, "incomplete marker"), Tuple.of(2, "other group's marker"),
                        Tuple.of(1, "reason"), Tuple.of(2, "listed again without reason"))
                .list().ofMaxSize(12);
    }

    /**
     * The termination goes once: with the reason when it came before the {@code reasonWaitCycles + 1}-th
     * marker of the session's group after the end, else without one at that marker; a later reason is
     * a reason-only transition and no second termination.
     */
    @Property(seed = "20261205", tries = 1000)
    void anEndedSessionWaitsForItsReasonAndTerminatesExactlyOnce(
            @ForAll("afterTheEnd") List<String> steps, @ForAll @IntRange(min = 1, max = 3) int reasonWaitCycles) {
        Task task = new Task(2, reasonWaitCycles);
        task.snapshot(listing("a", "CONNECTED"));
        task.at(5).snapshot(listing("a", "TERMINATED"));
        assertThat(task.terminations).as("a listing lacks the reason: wait for it").isEmpty();
        int markers = 0;
        String reasonAtTermination = null;
        boolean terminated = false;

        for (String step : steps) {
            task.at(1);
            switch (step) {
                case "marker" -> {
                    markers++;
                    task.marker(new Step(Set.of(), true, true, true, false));
                }
                case "incomplete marker" -> {
                    markers++;
                    task.marker(new Step(Set.of(), true, false, true, false));
                }
                case "other group's marker" -> task.cycle(markerOf("sg-other", true, true, null));
                case "reason" -> task.snapshot(listing("a", "TERMINATED").setStatusReason("idleTimeout")
                        .setSource(SessionLifecycle.GET_STREAM_SESSION));
                default -> task.snapshot(listing("a", "TERMINATED"));
            }
            if (!terminated && step.equals("reason")) {
                terminated = true;
                reasonAtTermination = "idleTimeout";
            }
            if (!terminated && markers > reasonWaitCycles) {
                terminated = true;
            }
            assertThat(task.terminations).as("after %s", steps.subList(0, steps.indexOf(step) + 1))
                    .hasSize(terminated ? 1 : 0);
        }
        if (terminated) {
            assertThat(task.terminations.get(0).getReason()).isEqualTo(reasonAtTermination);
        }
        assertThat(task.store.get("a").getTerminationEmitted()).isEqualTo(terminated);
    }

    // ---------------------------------------------------------------- retention

    /**
     * Every ended session's state goes once stream time passes its end's record time plus the
     * retention, not before, and a session still waiting for its reason gets its termination then.
     */
    @Property(seed = "20261205", tries = 500)
    void deletesEachEndedSessionOnceItsRetentionRanOut(
            @ForAll("endSeconds") List<Integer> endSeconds, @ForAll @IntRange(min = 1, max = 120) int sweepEvery) {
        Task task = new Task(2, 3);
        Map<String, Long> deleteAt = new HashMap<>();
        for (int i = 0; i < endSeconds.size(); i++) {
            String arn = "s" + i;
            task.atSecond(endSeconds.get(i) - 1).snapshot(listing(arn, "CONNECTED"));
            boolean withReason = i % 2 == 0;
            task.atSecond(endSeconds.get(i)).snapshot(listing(arn, "TERMINATED").setStatusReason(withReason ? "idleTimeout" : null));
            deleteAt.put(arn, task.time + Task.RETENTION.toMillis());
        }

        for (long sinceT0 = 0; sinceT0 <= 400_000; sinceT0 += sweepEvery * 1000L) {
            task.expire(sinceT0);
            long now = T0.toEpochMilli() + sinceT0;
            for (var entry : deleteAt.entrySet()) {
                assertThat(task.store.containsKey(entry.getKey())).as("%s at %d", entry.getKey(), now)
                        .isEqualTo(entry.getValue() > now);
            }
        }
        assertThat(task.terminations).extracting(SessionTermination::getArn)
                .containsExactlyInAnyOrderElementsOf(deleteAt.keySet());
    }

    @Provide
    Arbitrary<List<Integer>> endSeconds() {
        return Arbitraries.integers().between(1, 200).list().ofMinSize(1).ofMaxSize(8);
    }

    // ---------------------------------------------------------------- the stand-in processor

    /** The processor's job around {@link GroupSweeps}, with a map for its store and lists for its output. */
    private static final class Task {

        static final Duration RETENTION = Duration.ofSeconds(100);

        final GroupSweeps sweeps;
        final Map<String, SessionState> store = new HashMap<>();
        final List<SessionTransition> transitions = new ArrayList<>();
        final List<SessionTermination> terminations = new ArrayList<>();
        long time = T0.toEpochMilli();
        int cycle;
        int readThisCycle;

        Task(int vanishCycles, int reasonWaitCycles) {
            SessionLifecycle lifecycle = new SessionLifecycle(new TerminationCategories(
                    ProcessorConfig.DEFAULT_REASON_CATEGORIES, Set.of("CAPACITY")), reasonWaitCycles, RETENTION);
            sweeps = new GroupSweeps(lifecycle, vanishCycles);
        }

        Task at(long secondsLater) {
            time += secondsLater * 1000;
            return this;
        }

        Task atSecond(long second) {
            time = T0.toEpochMilli() + second * 1000;
            return this;
        }

        void snapshot(SessionSnapshot.Builder builder) {
            time += 1;
            SessionSnapshot snapshot = builder.setObservedAt(Instant.ofEpochMilli(time))
                    .setCycleId(GROUP + "/" + (cycle + 1)).build();
            sweeps.received(snapshot);
            readThisCycle++;
            GroupSweeps.Settled settled = sweeps.onSnapshot(snapshot, true, store::get, time);
            if (settled != null && settled.outcome().ignored() == null) {
                apply(settled);
            }
        }

        void marker(Step step) {
            Integer count = step.overtook() ? readThisCycle + 1 : readThisCycle;
            cycle(markerOf(GROUP, step.complete(), step.fullRefresh(), count));
        }

        void cycle(PollCycle.Builder marker) {
            time += 1000;
            cycle++;
            readThisCycle = 0;
            PollCycle built = marker.setCycleId(marker.getStreamGroupId() + "/" + cycle)
                    .setStartedAt(Instant.ofEpochMilli(time - 500)).setCompletedAt(Instant.ofEpochMilli(time)).build();
            sweeps.onCycle(built, time, store::get).settled().forEach(this::apply);
        }

        void expire(long millisAfterT0) {
            long now = T0.toEpochMilli() + millisAfterT0;
            for (GroupSweeps.Settled settled : sweeps.expire(now, store::get)) {
                apply(settled);
                store.remove(settled.arn());
            }
        }

        private void apply(GroupSweeps.Settled settled) {
            Outcome outcome = settled.outcome();
            if (!outcome.changed()) {
                return;
            }
            store.put(settled.arn(), outcome.state());
            transitions.addAll(outcome.transitions());
            if (outcome.termination() != null) {
                terminations.add(outcome.termination());
            }
            sweeps.stored(settled.arn(), settled.before(), outcome.state());
        }
    }

    private static SessionSnapshot.Builder listing(String arn, String status) {
        return SessionSnapshot.newBuilder()
                .setArn(arn).setStreamGroupId(GROUP).setSessionId(arn).setStatus(status).setStatusReason(null)
                .setLocation("us-west-2").setCreatedAt(T0).setLastUpdatedAt(null).setObservedAt(T0)
                .setCycleId("c").setSource("ListStreamSessions");
    }

    private static PollCycle.Builder markerOf(String group, boolean complete, Boolean fullRefresh, Integer count) {
        return PollCycle.newBuilder()
                .setStreamGroupId(group).setCycleId("c").setCycleNumber(0).setComplete(complete).setSessionCount(0)
                .setStartedAt(T0).setCompletedAt(T0).setSource("ListStreamSessions").setPollerId("poller-1")
                .setPartitionSnapshots(count).setFullRefresh(fullRefresh);
    }
}
