package dev.glsmon.proof;

import dev.glsmon.local.TruthComparison;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a faulted run got wrong, judged against the simulator's truth log and the uninterrupted
 * reference:
 * <ul>
 *   <li>lost: an end (TERMINATED, ERROR) the reference reported that the faulted pipeline has no
 *       termination for (same session, status and reason), a session the faulted pipeline saw end
 *       without a termination record, a state of the truth that lasted over two poll intervals and was spanned
 *       by a complete cycle yet never reported, or a hole in a session's sequence numbers;
 *   <li>duplicated: a (session, sequence) reported twice, a change reported again under the next
 *       sequence number (same status and reason), or a session terminated twice;
 *   <li>false: a transition to a state the session never had, or a VANISHED before it was gone.
 * </ul>
 * Only what happened from two polls after the faulted pipeline's first complete cycle to three polls
 * before the end is judged; the reference polls on its own schedule, so single transitions of short
 * states may legitimately differ between the two, whereas terminations and long states may not.
 */
record FaultFigures(String name, int transitions, int terminations, int lost, int duplicated, int falseOnes,
        int falseVanished, int vanished, int lostTerminations, int terminationsJudged, int missedStates,
        int statesJudged, int sequenceGaps, int unflaggedGaps, int referenceTransitions, int referenceTerminations,
        List<PollCycle> cycleMarkers, List<String> examples) {

    /**
     * Whether a complete cycle of the faulted poller ran wholly while the service still reported
     * this end: the simulator forgets an ended session after a while, and a poller whose cycles a
     * storm stretched beyond that sees it gone (VANISHED, which is then true) instead.
     */
    private static boolean observable(SessionTransition end, TruthComparison truth, List<TruthComparison.Cycle> cycles) {
        Instant removed = truth.removedAt(end.getArn()).orElse(Instant.MAX);
        String group = end.getStreamGroupId();
        return cycles.stream().anyMatch(c -> (group == null || group.equals(c.streamGroupId()))
                && !c.startedAt().isBefore(end.getAt()) && !c.completedAt().isAfter(removed));
    }

    /** What one pipeline committed to its topics. */
    record Output(List<SessionTransition> transitions, List<SessionTermination> terminations,
            List<PollCycle> cycleMarkers, List<TruthComparison.Cycle> completeCycles) {}

    static FaultFigures compare(String name, TruthComparison truth, Output faulted, Output reference,
            Duration pollInterval, Instant end) {
        Instant judgedFrom = faulted.completeCycles().stream().map(TruthComparison.Cycle::startedAt)
                .min(Comparator.naturalOrder()).orElse(end).plus(pollInterval.multipliedBy(2));
        Instant judgedUntil = end.minus(pollInterval.multipliedBy(3));
        TruthComparison.Figures truthFigures =
                truth.compare(faulted.transitions(), faulted.completeCycles(), pollInterval, judgedFrom, judgedUntil);
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
        Set<String> terminationKeys = new HashSet<>();
        for (SessionTermination t : faulted.terminations()) {
            if (!terminated.add(t.getArn())) {
                duplicated++;
                examples.add("terminated twice " + t.getArn() + " " + t.getStatus());
            }
            terminationKeys.add(terminationKey(t));
        }
        int gaps = 0;
        for (var entry : highest.entrySet()) {
            int missing = (int) (entry.getValue() - sequences.get(entry.getKey()).size());
            if (missing > 0) {
                gaps += missing;
                examples.add(missing + " sequence numbers missing for " + entry.getKey());
            }
        }
        // every session the faulted pipeline saw end has its termination record
        Set<String> ended = new HashSet<>();
        faulted.transitions().stream().filter(t -> ENDS.contains(t.getTo())).forEach(t -> ended.add(t.getArn()));
        int lostTerminations = 0;
        for (String arn : ended) {
            if (!terminated.contains(arn)) {
                lostTerminations++;
                examples.add("ended without a termination " + arn);
            }
        }
        // every end the reference saw the service report, the faulted pipeline reported too (same status and
        // reason); a VANISHED of the reference is its own inference, judged nowhere
        int judged = 0;
        for (SessionTransition t : reference.transitions()) {
            if (!SERVICE_ENDS.contains(t.getTo()) || t.getAt().isBefore(judgedFrom) || t.getAt().isAfter(judgedUntil)) {
                continue;
            }
            if (!observable(t, truth, faulted.completeCycles())) {
                continue; // removed from the API before a complete cycle of the faulted poller could list it
            }
            judged++;
            String key = t.getArn() + " " + t.getTo() + ":" + t.getReason();
            if (!terminationKeys.contains(key)) {
                lostTerminations++;
                examples.add("lost end " + key);
            }
        }
        int vanished = (int) faulted.transitions().stream().filter(t -> t.getTo().equals("VANISHED")).count();
        return new FaultFigures(name, faulted.transitions().size(), faulted.terminations().size(),
                lostTerminations + truthFigures.missedStates() + gaps, duplicated, truthFigures.falseTransitions(),
                truthFigures.falseVanished(), vanished, lostTerminations, judged, truthFigures.missedStates(),
                truthFigures.statesJudged(), gaps, truthFigures.unflaggedGaps(), reference.transitions().size(),
                reference.terminations().size(), faulted.cycleMarkers(), List.copyOf(examples.subList(0,
                        Math.min(examples.size(), 20))));
    }

    private static final Set<String> SERVICE_ENDS = Set.of("TERMINATED", "ERROR");
    private static final Set<String> ENDS = Set.of("TERMINATED", "ERROR", "VANISHED");

    private static String terminationKey(SessionTermination t) {
        return t.getArn() + " " + t.getStatus() + ":" + t.getReason();
    }

    /** Distinct cycles (a marker goes to every partition) whose markers say complete (or not). */
    long cycles(boolean complete) {
        return cycleMarkers.stream().filter(c -> c.getComplete() == complete)
                .map(c -> c.getStreamGroupId() + "/" + c.getCycleId()).distinct().count();
    }

    @Override
    public String toString() {
        return String.format("FAULT %s: transitions=%d lost=%d duplicated=%d false=%d"
                        + " (false VANISHED=%d of %d VANISHED; lost = %d terminations (%d reference ends judged) + %d of %d long"
                        + " truth states + %d sequence gaps; terminations=%d, gaps not flagged inferred=%d;"
                        + " reference: transitions=%d terminations=%d; cycles complete=%d incomplete=%d)",
                name, transitions, lost, duplicated, falseOnes, falseVanished, vanished, lostTerminations,
                terminationsJudged, missedStates, statesJudged, sequenceGaps, terminations, unflaggedGaps,
                referenceTransitions, referenceTerminations, cycles(true), cycles(false));
    }
}
