package dev.glsmon.local;

import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.simulator.TruthEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges the export topics against the simulator's truth (its EXPORT events): every command the
 * executor REQUESTED ends in exactly one FINAL result whose status and OutputUri are the truth's,
 * judged for exports that ended at least {@code margin} of simulator time before the end of the run;
 * every result other than REQUESTED carries a typed reason; no command is executed twice.
 */
final class ExportJudge {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED");

    /** What was measured. */
    record Figures(Map<String, Integer> commandsByRule, int requested, int judged, int finalRight, int finalWrong,
            int finalMissing, int finalDuplicated, int executedDuplicated, int skipped, int withoutTypedReason,
            Map<String, Integer> skippedByReason, List<String> examples) {

        @Override
        public String toString() {
            return String.format("EXPORTS commands %s; requested %d; finals judged %d: right %d, wrong %d, missing %d,"
                            + " duplicated %d; executed twice %d; skipped %d %s; results without a typed reason %d",
                    commandsByRule, requested, judged, finalRight, finalWrong, finalMissing, finalDuplicated,
                    executedDuplicated, skipped, skippedByReason, withoutTypedReason);
        }
    }

    private ExportJudge() {}

    /**
     * @param truth the simulator's truth log events
     * @param results every record of the export-results topic
     * @param commands every record of the export-commands topic
     * @param judgedUntil exports whose truth ended after this simulator instant are not judged
     */
    static Figures judge(List<TruthEvent> truth, List<ExportResult> results, List<ExportCommand> commands,
            Instant judgedUntil) {
        Map<String, TruthEvent> truthFinal = new HashMap<>();
        for (TruthEvent e : truth) {
            if (e.kind() == TruthEvent.Kind.EXPORT && ENDED.contains(e.to())) {
                truthFinal.put(e.sessionArn(), e);
            }
        }
        Map<String, Integer> byRule = new TreeMap<>();
        commands.forEach(c -> byRule.merge(c.getRule(), 1, Integer::sum));
        Map<String, List<ExportResult>> executed = new HashMap<>();
        Map<String, List<ExportResult>> finals = new HashMap<>();
        for (ExportResult r : results) {
            (r.getStage().equals("FINAL") ? finals : executed).computeIfAbsent(r.getCommandId(), k -> new ArrayList<>()).add(r);
        }
        int requested = 0;
        int judged = 0;
        int right = 0;
        int wrong = 0;
        int missing = 0;
        int skipped = 0;
        int untyped = 0;
        int executedTwice = 0;
        Map<String, Integer> skippedByReason = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (List<ExportResult> forCommand : executed.values()) {
            if (forCommand.size() > 1) {
                executedTwice++;
            }
            ExportResult r = forCommand.get(0);
            if (!r.getOutcome().equals("REQUESTED")) {
                if (r.getReason() == null) {
                    untyped++;
                }
                if (r.getOutcome().equals("SKIPPED_NOT_IN_PROGRESS")) {
                    skipped++;
                    skippedByReason.merge(String.valueOf(r.getReason()), 1, Integer::sum);
                }
                continue;
            }
            requested++;
            TruthEvent end = truthFinal.get(r.getArn());
            if (end == null || end.time().isAfter(judgedUntil)) {
                continue; // the export had not ended (long enough before the end of the run) in the truth
            }
            judged++;
            List<ExportResult> finalOnes = finals.getOrDefault(r.getCommandId(), List.of());
            if (finalOnes.isEmpty()) {
                missing++;
                example(examples, "missing final of " + r.getArn() + " (truth " + end.to() + " at " + end.time() + ")");
            } else if (finalOnes.get(0).getOutcome().equals("EXPORT_" + end.to())
                    && String.valueOf(end.outputUri()).equals(finalOnes.get(0).getOutputUri())) {
                right++;
            } else {
                wrong++;
                example(examples, "wrong final of " + r.getArn() + ": " + finalOnes.get(0).getOutcome() + " "
                        + finalOnes.get(0).getOutputUri() + ", truth " + end.to() + " " + end.outputUri());
            }
        }
        int finalDuplicated = (int) finals.values().stream().filter(list -> list.size() > 1).count();
        return new Figures(byRule, requested, judged, right, wrong, missing, finalDuplicated, executedTwice, skipped,
                untyped, skippedByReason, examples);
    }

    /**
     * LOCATION_ERROR_RATE commands per location and cap period (record time, the processor's clock),
     * the largest count of each location.
     */
    static Map<String, Integer> locationRuleMaxPerPeriod(List<TopicReader.Stamped<ExportCommand>> commands,
            Duration period) {
        Map<String, Integer> perBucket = new HashMap<>();
        Map<String, Integer> max = new TreeMap<>();
        for (TopicReader.Stamped<ExportCommand> c : commands) {
            if (!c.value().getRule().equals("LOCATION_ERROR_RATE")) {
                continue;
            }
            String location = String.valueOf(c.value().getLocation());
            long bucket = Math.floorDiv(c.timestamp().toEpochMilli(), period.toMillis());
            int n = perBucket.merge(location + "|" + bucket, 1, Integer::sum);
            max.merge(location, n, Math::max);
        }
        return max;
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 10) {
            examples.add(text);
        }
    }
}
