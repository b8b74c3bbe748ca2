package dev.glsmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.schemas.SessionTransition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the transitions glsmon reported with the simulator's ground truth (its JSONL log):
 * false transitions (a state the session never had, or VANISHED before it was gone), missed states
 * (a state that lasted longer than two poll intervals but was never reported), and gaps not flagged
 * {@code inferred} (states between from and to that glsmon did not see).
 */
public final class TruthComparison {

    public record TruthState(String status, String reason, Instant start, Instant end) {}

    /** One complete listing of a stream group: it saw every state that covered [startedAt, completedAt]. */
    public record Cycle(String streamGroupId, Instant startedAt, Instant completedAt) {}

    /** When the simulator stopped listing and answering for the session (it ended long enough ago), if it did. */
    public Optional<Instant> removedAt(String arn) {
        return Optional.ofNullable(removedAt.get(arn));
    }

    /**
     * @param unflaggedGaps gaps whose from -> to is not an edge of the documented lifecycle, yet not flagged
     * @param gapsLikeADirectEdge gaps whose from -> to is itself a documented edge (CONNECTED -> TERMINATING
     *     while PENDING_CLIENT_RECONNECTION was missed): no poller can tell them from the direct edge
     */
    public record Figures(int reported, int falseTransitions, int falseVanished, int missedStates, int unflaggedGaps,
            int gapsLikeADirectEdge, int statesJudged, List<String> examples) {
        @Override
        public String toString() {
            return String.format("truth comparison: %d transitions reported, %d false (%d false VANISHED), %d of %d long"
                    + " states missed, %d gaps not flagged inferred (%d more gaps look like a documented direct edge)",
                    reported, falseTransitions, falseVanished, missedStates, statesJudged, unflaggedGaps,
                    gapsLikeADirectEdge);
        }
    }

    private final Map<String, List<TruthState>> truth = new HashMap<>();
    private final Map<String, String> groupOf = new HashMap<>();
    private final Map<String, Instant> removedAt = new HashMap<>();

    public static TruthComparison fromJsonl(Path file, Instant end) throws IOException {
        TruthComparison comparison = new TruthComparison();
        ObjectMapper json = new ObjectMapper();
        Map<String, List<JsonNode>> events = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode event = json.readTree(line);
            String kind = event.path("kind").asText();
            String arn = event.path("sessionArn").asText();
            comparison.groupOf.put(arn, event.path("streamGroupId").asText());
            if (kind.equalsIgnoreCase("status")) {
                events.computeIfAbsent(arn, k -> new ArrayList<>()).add(event);
            } else if (kind.equalsIgnoreCase("removed")) {
                comparison.removedAt.put(arn, Instant.parse(event.path("time").asText()));
            }
        }
        events.forEach((arn, list) -> {
            List<TruthState> states = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                Instant start = Instant.parse(e.path("time").asText());
                Instant stop = i + 1 < list.size() ? Instant.parse(list.get(i + 1).path("time").asText())
                        : comparison.removedAt.getOrDefault(arn, end);
                states.add(new TruthState(e.path("to").asText(), e.path("reason").isNull() ? null : e.path("reason").asText(),
                        start, stop));
            }
            comparison.truth.put(arn, states);
        });
        return comparison;
    }

    /**
     * @param judgedFrom states that began before this (before glsmon's first poll) are not judged as missed
     * @param judgedUntil only the part of a state before this is judged (the end of the run is too close)
     */
    public Figures compare(List<SessionTransition> reported, List<Cycle> cycles, Duration pollInterval, Instant judgedFrom,
            Instant judgedUntil) {
        Map<String, List<Cycle>> cyclesByGroup = new HashMap<>();
        cycles.forEach(c -> cyclesByGroup.computeIfAbsent(c.streamGroupId(), k -> new ArrayList<>()).add(c));
        Map<String, List<SessionTransition>> bySession = new HashMap<>();
        reported.forEach(t -> bySession.computeIfAbsent(t.getArn(), k -> new ArrayList<>()).add(t));
        bySession.values().forEach(list -> list.sort(Comparator.comparingLong(SessionTransition::getSequence)));
        int falseOnes = 0;
        int falseVanished = 0;
        int unflagged = 0;
        int likeDirect = 0;
        List<String> examples = new ArrayList<>();
        for (var entry : bySession.entrySet()) {
            List<TruthState> states = truth.getOrDefault(entry.getKey(), List.of());
            for (SessionTransition t : entry.getValue()) {
                if (t.getTo().equals("VANISHED")) {
                    Instant gone = removedAt.get(t.getArn());
                    if (gone == null || gone.isAfter(t.getObservedAt())) {
                        falseOnes++;
                        falseVanished++;
                        example(examples, "false VANISHED " + t.getArn());
                    }
                    continue;
                }
                int toIndex = indexOf(states, t.getTo(), 0);
                if (toIndex < 0) {
                    falseOnes++;
                    example(examples, "false " + t.getFrom() + "->" + t.getTo() + " " + t.getArn());
                    continue;
                }
                if (t.getFrom() != null && !t.getFrom().equals("VANISHED")) {
                    int fromIndex = lastIndexBefore(states, t.getFrom(), toIndex);
                    if (fromIndex >= 0 && toIndex - fromIndex > 1 && !t.getInferred()) {
                        if (Lifecycle.isDirect(t.getFrom(), t.getTo())) {
                            likeDirect++;
                        } else {
                            unflagged++;
                            example(examples, "gap not flagged " + t.getFrom() + "->" + t.getTo() + " " + t.getArn());
                        }
                    }
                }
            }
        }
        int judged = 0;
        int missed = 0;
        int unobservable = 0;
        Duration longState = pollInterval.multipliedBy(2);
        for (var entry : truth.entrySet()) {
            List<SessionTransition> seen = bySession.getOrDefault(entry.getKey(), List.of());
            for (TruthState state : entry.getValue()) {
                // a state still on near the end (a session's last one, say) is judged on its part before judgedUntil
                Instant end = state.end().isAfter(judgedUntil) ? judgedUntil : state.end();
                if (state.start().isBefore(judgedFrom) || Duration.between(state.start(), end).compareTo(longState) <= 0) {
                    continue;
                }
                // a long state that no complete listing of its group spanned could not be seen: the poller
                // was late (a slow machine stretches cycles), which the cycle-time metric shows
                boolean listed = cyclesByGroup.getOrDefault(groupOf.get(entry.getKey()), List.of()).stream()
                        .anyMatch(c -> !c.startedAt().isBefore(state.start()) && !c.completedAt().isAfter(end));
                if (!listed) {
                    unobservable++;
                    continue;
                }
                judged++;
                if (seen.stream().noneMatch(t -> t.getTo().equals(state.status()))) {
                    missed++;
                    example(examples, "missed " + state + " " + entry.getKey());
                }
            }
        }
        if (unobservable > 0) {
            example(examples, unobservable + " long states were spanned by no complete cycle (poller slower than its interval)");
        }
        return new Figures(reported.size(), falseOnes, falseVanished, missed, unflagged, likeDirect, judged, examples);
    }

    private static int indexOf(List<TruthState> states, String status, int from) {
        for (int i = from; i < states.size(); i++) {
            if (states.get(i).status().equals(status)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexBefore(List<TruthState> states, String status, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (states.get(i).status().equals(status)) {
                return i;
            }
        }
        return -1;
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 10) {
            examples.add(text);
        }
    }
}
