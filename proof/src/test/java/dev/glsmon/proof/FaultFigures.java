package dev.glsmon.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.local.TruthComparison;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a faulted run got wrong, judged against the simulator's truth log at the configured poll
 * interval ({@link TruthComparison}), whatever the fault did to the poller's cycles:
 * <ul>
 *   <li>lost: an end (TERMINATED, ERROR) of the truth without its termination (same session, status
 *       and reason; one that came late is not lost: a fault may delay, not lose), a session the
 *       faulted pipeline saw end without a termination record, a state of the truth that lasted over
 *       two poll intervals yet was never reported, or a hole in a session's sequence numbers;
 *   <li>duplicated: a (session, sequence) reported twice, a change reported again under the next
 *       sequence number (same status and reason), or a session terminated twice;
 *   <li>false: a transition to a state the session had not had, or a VANISHED before it was gone.
 * </ul>
 * Judged from three polls after the faulted poller first served to three polls before the end; a
 * time the test itself made the poller blind (killed it, cut off its broker, failed its pages) is
 * judged as the end of one run and the start of the next. The uninterrupted reference's output is
 * counted beside it, for comparison.
 */
record FaultFigures(String name, int transitions, int terminations, int lost, int duplicated, int falseOnes,
        int falseVanished, int vanished, int lostTerminations, int terminationsJudged, int lateTerminations,
        int missedStates, int statesJudged, int sequenceGaps, int unflaggedGaps, int referenceTransitions,
        int referenceTerminations, List<PollCycle> cycleMarkers, List<String> examples) {

    /** What one pipeline committed to its topics. */
    record Output(List<SessionTransition> transitions, List<TruthComparison.ObservedTermination> terminations,
            List<PollCycle> cycleMarkers) {}

    static FaultFigures compare(String name, TruthComparison truth, Output faulted, Output reference,
            TruthComparison.Judging judging) {
        TruthComparison.Figures truthFigures = truth.compare(faulted.transitions(), faulted.terminations(), judging);
        List<String> examples = new ArrayList<>(truthFigures.examples());

        Set<String> seen = new HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        Map<String, Set<Long>> sequences = new HashMap<>();
        int duplicated = 0;
        for (SessionTransition t : faulted.transitions()) {
            if (!seen.add(t.getArn() + "#" + t.getSequence())) {
                duplicated++;
                examples.add("duplicated " + t.getArn() + "#" + t.getSequence() + " " + t.getFrom() + "->" + t.getTo());
            }
            highest.merge(t.getArn(), t.getSequence(), Math::max);
            sequences.computeIfAbsent(t.getArn(), k -> new HashSet<>()).add(t.getSequence());
        }
        // the same change twice under two sequence numbers (a poller restart re-observing it, say)
        Map<String, List<SessionTransition>> bySession = new HashMap<>();
        faulted.transitions().forEach(t -> bySession.computeIfAbsent(t.getArn(), k -> new ArrayList<>()).add(t));
        for (List<SessionTransition> list : bySession.values()) {
            list.sort(Comparator.comparingLong(SessionTransition::getSequence));
            for (int i = 1; i < list.size(); i++) {
                SessionTransition before = list.get(i - 1);
                SessionTransition after = list.get(i);
                if (before.getSequence() != after.getSequence() && before.getTo().equals(after.getTo())
                        && Objects.equals(before.getReason(), after.getReason())) {
                    duplicated++;
                    examples.add("repeated " + after.getArn() + " ->" + after.getTo() + " at #" + after.getSequence());
                }
            }
        }
        Set<String> terminated = new HashSet<>();
        for (TruthComparison.ObservedTermination observed : faulted.terminations()) {
            SessionTermination t = observed.termination();
            if (!terminated.add(t.getArn())) {
                duplicated++;
                examples.add("terminated twice " + t.getArn() + " " + t.getStatus());
            }
        }
        int gaps = 0;
        for (var entry : highest.entrySet()) {
            int missing = (int) (entry.getValue() - sequences.get(entry.getKey()).size());
            if (missing > 0) {
                gaps += missing;
                examples.add(missing + " sequence numbers missing for " + entry.getKey());
            }
        }
        // every end of the truth has its termination (late is not lost); and every session the faulted
        // pipeline saw end has its termination record
        int lostTerminations = truthFigures.endsLost();
        Set<String> ended = new HashSet<>();
        faulted.transitions().stream().filter(t -> ENDS.contains(t.getTo())).forEach(t -> ended.add(t.getArn()));
        for (String arn : ended) {
            if (!terminated.contains(arn)) {
                lostTerminations++;
                examples.add("ended without a termination " + arn);
            }
        }
        int vanished = (int) faulted.transitions().stream().filter(t -> t.getTo().equals("VANISHED")).count();
        return new FaultFigures(name, faulted.transitions().size(), faulted.terminations().size(),
                lostTerminations + truthFigures.lostStates() + gaps, duplicated, truthFigures.falseTransitions(),
                truthFigures.falseVanished(), vanished, lostTerminations, truthFigures.endsJudged(),
                truthFigures.endsLate(), truthFigures.lostStates(), truthFigures.observableStates(), gaps,
                truthFigures.unflaggedGaps(), reference.transitions().size(),
                reference.terminations().size(), faulted.cycleMarkers(), List.copyOf(examples.subList(0,
                        Math.min(examples.size(), 20))));
    }

    private static final Set<String> ENDS = Set.of("TERMINATED", "ERROR", "VANISHED");

    /** Fails unless enough happened for the comparison to mean something, and nothing was lost, duplicated or false. */
    void assertNothingLostDuplicatedOrFalse() {
        assertThat(transitions).as("transitions reported").isGreaterThan(150);
        assertThat(terminationsJudged).as("truth ends judged").isGreaterThan(20);
        assertThat(statesJudged).as("long truth states judged").isGreaterThan(20);
        assertThat(lost).as("lost (%s)", examples).isZero();
        assertThat(duplicated).as("duplicated (%s)", examples).isZero();
        assertThat(falseOnes).as("false (%s)", examples).isZero();
    }

    /** Distinct cycles (a marker goes to every partition) whose markers say complete (or not). */
    long cycles(boolean complete) {
        return cycleMarkers.stream().filter(c -> c.getComplete() == complete)
                .map(c -> c.getStreamGroupId() + "/" + c.getCycleId()).distinct().count();
    }

    @Override
    public String toString() {
        return String.format("FAULT %s: transitions=%d lost=%d duplicated=%d false=%d"
                        + " (false VANISHED=%d of %d VANISHED; lost = %d terminations (%d truth ends judged, %d of them late"
                        + " but not lost) + %d of %d long truth states + %d sequence gaps; terminations=%d,"
                        + " gaps not flagged inferred=%d;"
                        + " reference: transitions=%d terminations=%d; cycles complete=%d incomplete=%d)",
                name, transitions, lost, duplicated, falseOnes, falseVanished, vanished, lostTerminations,
                terminationsJudged, lateTerminations, missedStates, statesJudged, sequenceGaps, terminations, unflaggedGaps,
                referenceTransitions, referenceTerminations, cycles(true), cycles(false));
    }
}
