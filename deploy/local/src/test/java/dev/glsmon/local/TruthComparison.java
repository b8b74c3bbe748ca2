package dev.glsmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glsmon.processor.config.ProcessorConfig;
import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.schemas.SessionTermination;
import dev.glsmon.schemas.SessionTransition;
import dev.glsmon.simulator.TruthEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges what glsmon reported against the simulator's ground truth (its truth log) at the poll
 * interval glsmon was configured with, whatever its cycles actually took: a stretched cycle is a
 * broken promise, never an excuse. All times are the simulator's.
 *
 * <ul>
 *   <li><b>lost state</b>: a truth state that lasted longer than two poll intervals, yet no
 *       transition to its status was observed while it lasted (up to one interval after its end);
 *   <li><b>ends</b>: every TERMINATED or ERROR of the truth must have exactly one termination with
 *       the truth's status and StatusReason, observed within three poll intervals of the end;
 *   <li><b>false transition</b>: a transition to a status (with a reason) the session had not had
 *       by the time it was observed; <b>false VANISHED</b>: a VANISHED before the simulator removed
 *       the session;
 *   <li><b>gaps not flagged inferred</b>: from -> to skipped truth states and says not so;
 *   <li><b>error share</b> per location and {@link #SHARE_WINDOW} of simulator time with at least
 *       {@link #SHARE_WINDOW_MIN_ENDS} ends: the truth's (error ends / all ends) against glsmon's
 *       (error terminations / terminations with a known category, by {@code endedAt}).
 * </ul>
 *
 * The only excuses are the run's edges: a state that began before the first poll plus three
 * intervals is not judged, and a state still on at the end minus three intervals is judged on its
 * part before that. A caller that injected an outage of the poller declares it as a blind period,
 * which is the end of one run and the start of the next: the same edges apply around it.
 */
public final class TruthComparison {

    /** Termination categories that count as errors; UNKNOWN (no reason, or VANISHED) is neither error nor known. */
    public static final Set<String> ERROR_CATEGORIES = Set.of("APPLICATION_CRASH", "CAPACITY", "PLATFORM", "CLIENT");
    public static final String UNKNOWN = "UNKNOWN";
    public static final Duration SHARE_WINDOW = Duration.ofMinutes(5);
    public static final int SHARE_WINDOW_MIN_ENDS = 20;
    /** How far glsmon's error share may be from the truth's in a judged window (percentage points). */
    public static final double SHARE_TOLERANCE_POINTS = 2.0;
    /** A state that lasted longer than this many poll intervals must be reported. */
    static final int LONG_STATE_POLLS = 2;
    /** The run's edges, in poll intervals: after the first poll, and before the end. */
    static final int EDGE_POLLS = 3;
    /** An end's termination must be observed within this many poll intervals of the end. */
    static final int END_WITHIN_POLLS = 3;

    private static final Set<String> ENDS = Set.of(Lifecycle.TERMINATED, Lifecycle.ERROR);
    private static final int EXAMPLES_PER_KIND = 3;

    public record TruthState(String status, String reason, Instant start, Instant end) {}

    /** A TERMINATED or ERROR of the truth. */
    public record TruthEnd(String arn, String location, String status, String reason, Instant at) {}

    /** A termination glsmon emitted and when it was observed (the record's timestamp, in simulator time). */
    public record ObservedTermination(SessionTermination termination, Instant observedAt) {}

    /** A time the caller made the poller blind (killed it, cut it off): an end and a start of a run. */
    public record Period(Instant from, Instant until) {}

    /**
     * What is judged: the configured poll interval, the first poll and the end of the run, in
     * simulator time, and the periods the caller made the poller blind.
     */
    public record Judging(Duration pollInterval, Instant firstPoll, Instant end, List<Period> blind) {

        public Judging {
            blind = List.copyOf(blind);
        }

        public static Judging of(Duration pollInterval, Instant firstPoll, Instant end) {
            return new Judging(pollInterval, firstPoll, end, List.of());
        }

        public Judging withBlindPeriods(List<Period> periods) {
            return new Judging(pollInterval, firstPoll, end, periods);
        }

        public Instant judgedFrom() {
            return firstPoll.plus(polls(EDGE_POLLS));
        }

        public Instant judgedUntil() {
            return end.minus(polls(EDGE_POLLS));
        }

        Duration polls(int n) {
            return pollInterval.multipliedBy(n);
        }
    }

    /** One location in one window: the truth's ends against glsmon's terminations. */
    public record WindowShare(String location, Instant windowStart, int truthEnds, int truthErrors, int reportedKnown,
            int reportedErrors) {

        public double truthShare() {
            return (double) truthErrors / truthEnds;
        }

        /** NaN when glsmon reported no end of a known category there. */
        public double reportedShare() {
            return reportedKnown == 0 ? Double.NaN : (double) reportedErrors / reportedKnown;
        }

        /** glsmon's share minus the truth's, in percentage points; NaN when glsmon has no share. */
        public double differencePoints() {
            return 100 * (reportedShare() - truthShare());
        }

        public boolean within(double points) {
            return Math.abs(differencePoints()) <= points; // false for NaN
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s+%dm: truth %d/%d = %.1f%%, glsmon %d/%d known = %.1f%% (%+.1f points)",
                    location, windowStart, SHARE_WINDOW.toMinutes(), truthErrors, truthEnds, 100 * truthShare(),
                    reportedErrors, reportedKnown, 100 * reportedShare(), differencePoints());
        }
    }

    /**
     * @param observableStates truth states judged (longer than two polls, inside the edges)
     * @param endsJudged truth ends (TERMINATED, ERROR) inside the edges; every one falls in exactly one of
     *     endsRight (one termination, status and reason right, in time), endsLate (the same, too late),
     *     endsWrongReason, endsWrongStatus (TERMINATED for ERROR or the reverse), endsVanished,
     *     endsMissing (no termination) and endsTerminatedMoreThanOnce
     * @param duplicateTerminations terminations beyond the first of a session, over every session
     * @param gapsLikeADirectEdge gaps whose from -> to is itself a documented edge (CONNECTED -> TERMINATING
     *     while PENDING_CLIENT_RECONNECTION was missed): no poller can tell them from the direct edge
     */
    public record Figures(Duration pollInterval, int transitionsReported, int terminationsReported, int observableStates,
            int lostStates, int endsJudged, int endsRight, int endsLate, int endsWrongReason, int endsWrongStatus,
            int endsVanished, int endsMissing, int endsTerminatedMoreThanOnce, int duplicateTerminations,
            int falseTransitions, int falseVanished, int unflaggedGaps, int gapsLikeADirectEdge,
            List<WindowShare> windowShares, List<String> examples) {

        public double lostShare() {
            return observableStates == 0 ? 0 : (double) lostStates / observableStates;
        }

        public double rightEndShare() {
            return endsJudged == 0 ? 1 : (double) endsRight / endsJudged;
        }

        /** Ends without a right termination at all, late and repeated ones aside: what no fault may cause. */
        public int endsLost() {
            return endsWrongReason + endsWrongStatus + endsVanished + endsMissing;
        }

        public List<WindowShare> windowsBeyond(double points) {
            return windowShares.stream().filter(w -> !w.within(points)).toList();
        }

        public Optional<WindowShare> worstWindow() {
            return windowShares.stream().max(Comparator.comparingDouble(
                    w -> Double.isNaN(w.differencePoints()) ? Double.MAX_VALUE : Math.abs(w.differencePoints())));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "truth comparison: poll interval %d s as configured; states: %d lost of %d"
                            + " observable (%.2f%%); ends: %d judged, %d with one right termination within %d polls"
                            + " (%.2f%%), %d late, %d wrong or missing reason, %d wrong status, %d VANISHED, %d without"
                            + " termination, %d terminated more than once; %d duplicate terminations of %d;"
                            + " transitions: %d reported, %d false (%d false VANISHED), %d gaps not flagged inferred"
                            + " (%d more look like a documented direct edge); error share: %d location windows of %d min"
                            + " with >= %d ends, %d beyond %.0f points%s",
                    pollInterval.toSeconds(), lostStates, observableStates, 100 * lostShare(), endsJudged, endsRight,
                    END_WITHIN_POLLS, 100 * rightEndShare(), endsLate, endsWrongReason, endsWrongStatus, endsVanished,
                    endsMissing, endsTerminatedMoreThanOnce, duplicateTerminations, terminationsReported,
                    transitionsReported, falseTransitions, falseVanished, unflaggedGaps, gapsLikeADirectEdge,
                    windowShares.size(), SHARE_WINDOW.toMinutes(), SHARE_WINDOW_MIN_ENDS,
                    windowsBeyond(SHARE_TOLERANCE_POINTS).size(), SHARE_TOLERANCE_POINTS,
                    worstWindow().map(w -> ", worst " + w).orElse(""));
        }
    }

    private final Map<String, List<TruthState>> states = new HashMap<>();
    private final Map<String, Instant> removedAt = new HashMap<>();
    private final List<TruthEnd> ends = new ArrayList<>();
    private final Map<String, String> reasonCategories;

    private TruthComparison(Map<String, String> reasonCategories) {
        this.reasonCategories = Map.copyOf(reasonCategories);
    }

    /** The truth log as the simulator writes it (JSON lines); a session's last state lasts until {@code end}. */
    public static TruthComparison fromJsonl(Path file, Instant end) throws IOException {
        return fromEvents(readJsonl(file), end);
    }

    /** The simulator's truth log file, event by event. */
    public static List<TruthEvent> readJsonl(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<TruthEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = json.readTree(line);
            events.add(new TruthEvent(e.path("seq").asLong(), TruthEvent.Kind.valueOf(e.path("kind").asText()
                            .toUpperCase(Locale.ROOT)), Instant.parse(e.path("time").asText()), e.path("sessionArn").asText(),
                    text(e, "streamGroupId"), text(e, "location"), text(e, "from"), text(e, "to"), text(e, "reason"),
                    text(e, "outputUri")));
        }
        return events;
    }

    /** The truth as events in their order, with the processor's default StatusReason -> category mapping. */
    public static TruthComparison fromEvents(List<TruthEvent> events, Instant end) {
        TruthComparison truth = new TruthComparison(ProcessorConfig.DEFAULT_REASON_CATEGORIES);
        Map<String, List<TruthEvent>> changes = new LinkedHashMap<>();
        for (TruthEvent e : events) {
            if (e.kind() == TruthEvent.Kind.STATUS) {
                changes.computeIfAbsent(e.sessionArn(), k -> new ArrayList<>()).add(e);
                if (ENDS.contains(e.to())) {
                    truth.ends.add(new TruthEnd(e.sessionArn(), e.location(), e.to(), e.reason(), e.time()));
                }
            } else if (e.kind() == TruthEvent.Kind.REMOVED) {
                truth.removedAt.put(e.sessionArn(), e.time());
            }
        }
        changes.forEach((arn, list) -> {
            List<TruthState> sessionStates = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                TruthEvent e = list.get(i);
                Instant stop = i + 1 < list.size() ? list.get(i + 1).time() : truth.removedAt.getOrDefault(arn, end);
                sessionStates.add(new TruthState(e.to(), e.reason(), e.time(), stop));
            }
            truth.states.put(arn, sessionStates);
        });
        return truth;
    }

    /** Every session's states in their order, by session ARN (a state lasts until the next, its removal or the end). */
    public Map<String, List<TruthState>> states() {
        return java.util.Collections.unmodifiableMap(states);
    }

    /** When the simulator stopped listing and answering for the session (it ended long enough ago), if it did. */
    public Optional<Instant> removedAt(String arn) {
        return Optional.ofNullable(removedAt.get(arn));
    }

    public Figures compare(List<SessionTransition> transitions, List<ObservedTermination> terminations, Judging judging) {
        Map<String, List<SessionTransition>> bySession = new HashMap<>();
        transitions.forEach(t -> bySession.computeIfAbsent(t.getArn(), k -> new ArrayList<>()).add(t));
        bySession.values().forEach(list -> list.sort(Comparator.comparingLong(SessionTransition::getSequence)));
        Map<String, List<String>> examples = new LinkedHashMap<>();

        // what was reported and did not happen
        int falseOnes = 0;
        int falseVanished = 0;
        int unflagged = 0;
        int likeDirect = 0;
        for (SessionTransition t : transitions) {
            List<TruthState> truth = states.getOrDefault(t.getArn(), List.of());
            if (t.getTo().equals(Lifecycle.VANISHED)) {
                Instant gone = removedAt.get(t.getArn());
                if (gone == null || gone.isAfter(t.getObservedAt())) {
                    falseOnes++;
                    falseVanished++;
                    example(examples, "false VANISHED", "false VANISHED " + t.getArn() + " observed " + t.getObservedAt()
                            + (gone == null ? ", never removed" : ", removed " + gone));
                }
                continue;
            }
            int toIndex = lastHad(truth, t.getTo(), t.getReason(), t.getObservedAt());
            if (toIndex < 0) {
                falseOnes++;
                example(examples, "false", "false " + t.getFrom() + "->" + t.getTo() + ":" + t.getReason() + " observed "
                        + t.getObservedAt() + " " + t.getArn());
                continue;
            }
            if (t.getFrom() != null && !t.getFrom().equals(Lifecycle.VANISHED) && !t.getInferred()) {
                int fromIndex = lastIndexBefore(truth, t.getFrom(), toIndex);
                if (fromIndex >= 0 && toIndex - fromIndex > 1) {
                    if (Lifecycle.isDirect(t.getFrom(), t.getTo())) {
                        likeDirect++;
                    } else {
                        unflagged++;
                        example(examples, "gap", "gap not flagged " + t.getFrom() + "->" + t.getTo() + " " + t.getArn());
                    }
                }
            }
        }

        // long states that went unreported
        int observable = 0;
        int lost = 0;
        Duration longState = judging.polls(LONG_STATE_POLLS);
        for (var entry : states.entrySet()) {
            List<SessionTransition> seen = bySession.getOrDefault(entry.getKey(), List.of());
            for (TruthState state : entry.getValue()) {
                Instant judgedEnd = judgedEnd(state, judging);
                if (judgedEnd == null || Duration.between(state.start(), judgedEnd).compareTo(longState) <= 0) {
                    continue;
                }
                observable++;
                Instant lastChance = state.end().plus(judging.pollInterval());
                boolean reported = seen.stream().anyMatch(t -> t.getTo().equals(state.status())
                        && !t.getObservedAt().isBefore(state.start()) && !t.getObservedAt().isAfter(lastChance))
                        || showing(seen, state.start()).filter(state.status()::equals).isPresent();
                if (!reported) {
                    lost++;
                    example(examples, "lost", "lost " + state.status() + " " + state.start() + ".." + state.end() + " ("
                            + Duration.between(state.start(), state.end()).toSeconds() + " s) " + entry.getKey());
                }
            }
        }

        // every end of the truth: exactly one termination, right status and reason, in time
        Map<String, List<ObservedTermination>> terminationsBySession = new HashMap<>();
        terminations.forEach(o -> terminationsBySession.computeIfAbsent(o.termination().getArn(), k -> new ArrayList<>())
                .add(o));
        int duplicates = terminations.size() - terminationsBySession.size();
        int judgedEnds = 0;
        int right = 0;
        int late = 0;
        int wrongReason = 0;
        int wrongStatus = 0;
        int vanished = 0;
        int missing = 0;
        int moreThanOnce = 0;
        Duration endWithin = judging.polls(END_WITHIN_POLLS);
        for (TruthEnd end : ends) {
            if (end.at().isBefore(judging.judgedFrom()) || end.at().isAfter(judging.judgedUntil())) {
                continue;
            }
            judgedEnds++;
            List<ObservedTermination> reported = terminationsBySession.getOrDefault(end.arn(), List.of());
            String truthText = end.status() + ":" + end.reason() + " at " + end.at() + " " + end.arn();
            if (reported.isEmpty()) {
                missing++;
                example(examples, "missing", "no termination for " + truthText);
                continue;
            }
            if (reported.size() > 1) {
                moreThanOnce++;
                example(examples, "twice", reported.size() + " terminations for " + truthText);
                continue;
            }
            SessionTermination t = reported.get(0).termination();
            String reportedText = t.getStatus() + ":" + t.getReason();
            if (t.getStatus().equals(Lifecycle.VANISHED)) {
                vanished++;
                example(examples, "vanished", "VANISHED for " + truthText);
            } else if (!t.getStatus().equals(end.status())) {
                wrongStatus++;
                example(examples, "status", reportedText + " for " + truthText);
            } else if (!Objects.equals(t.getReason(), end.reason())) {
                wrongReason++;
                example(examples, "reason", reportedText + " for " + truthText);
            } else if (reported.get(0).observedAt().isAfter(end.at().plus(endWithin))) {
                late++;
                example(examples, "late", "late termination, observed " + reported.get(0).observedAt() + ", for " + truthText);
            } else {
                right++;
            }
        }

        return new Figures(judging.pollInterval(), transitions.size(), terminations.size(), observable, lost, judgedEnds,
                right, late, wrongReason, wrongStatus, vanished, missing, moreThanOnce, duplicates, falseOnes,
                falseVanished, unflagged, likeDirect, windowShares(terminations, judging),
                examples.values().stream().flatMap(List::stream).toList());
    }

    /**
     * Until when a state is judged, or null when it is not: a state that began before the first poll
     * plus the edge, or near a blind period, is not; one still on near the end (or a blind period) is
     * judged on its part before that.
     */
    private static Instant judgedEnd(TruthState state, Judging judging) {
        Duration edge = judging.polls(EDGE_POLLS);
        if (state.start().isBefore(judging.judgedFrom())) {
            return null;
        }
        Instant until = state.end().isAfter(judging.judgedUntil()) ? judging.judgedUntil() : state.end();
        for (Period blind : judging.blind()) {
            Instant blindFrom = blind.from().minus(edge);
            Instant blindUntil = blind.until().plus(edge);
            if (!state.start().isBefore(blindFrom) && !state.start().isAfter(blindUntil)) {
                return null;
            }
            if (state.start().isBefore(blindFrom) && until.isAfter(blindFrom)) {
                until = blindFrom;
            }
        }
        return until;
    }

    private List<WindowShare> windowShares(List<ObservedTermination> terminations, Judging judging) {
        long size = SHARE_WINDOW.toMillis();
        long first = Math.floorDiv(judging.judgedFrom().toEpochMilli() + size - 1, size) * size;
        long last = judging.judgedUntil().toEpochMilli();
        Map<String, int[]> counts = new TreeMap<>(); // location|window -> truth ends, truth errors, known, errors
        for (TruthEnd end : ends) {
            long window = Math.floorDiv(end.at().toEpochMilli(), size) * size;
            if (window < first || window + size > last) {
                continue;
            }
            int[] c = counts.computeIfAbsent(key(end.location(), window), k -> new int[4]);
            c[0]++;
            if (ERROR_CATEGORIES.contains(categoryOf(end.reason()))) {
                c[1]++;
            }
        }
        Map<String, Instant> truthEndOf = new HashMap<>();
        ends.forEach(end -> truthEndOf.put(end.arn(), end.at()));
        for (ObservedTermination o : terminations) {
            SessionTermination t = o.termination();
            long window = Math.floorDiv(endTime(t, truthEndOf.get(t.getArn()), judging).toEpochMilli(), size) * size;
            int[] c = counts.get(key(t.getLocation(), window));
            if (c == null || t.getCategory().equals(UNKNOWN)) {
                continue;
            }
            c[2]++;
            if (ERROR_CATEGORIES.contains(t.getCategory())) {
                c[3]++;
            }
        }
        List<WindowShare> shares = new ArrayList<>();
        counts.forEach((key, c) -> {
            if (c[0] >= SHARE_WINDOW_MIN_ENDS) {
                int bar = key.lastIndexOf('|');
                shares.add(new WindowShare(key.substring(0, bar), Instant.ofEpochMilli(Long.parseLong(key.substring(bar + 1))),
                        c[0], c[1], c[2], c[3]));
            }
        });
        return shares;
    }

    /**
     * The status glsmon showed for the session at {@code at}: that of the last transition observed
     * before. A state that returns to the status glsmon still shows (CONNECTED, a reconnect shorter
     * than two polls, CONNECTED again) was reported all along; had the states between lasted
     * longer, they count as lost themselves.
     */
    private static Optional<String> showing(List<SessionTransition> seen, Instant at) {
        return seen.stream().filter(t -> t.getObservedAt().isBefore(at))
                .max(Comparator.comparing(SessionTransition::getObservedAt).thenComparing(SessionTransition::getSequence))
                .map(SessionTransition::getTo);
    }

    /**
     * When glsmon says the session ended: its {@code endedAt}, the API's lastUpdatedAt of the first
     * ended snapshot. The API has no end time of its own, and lastUpdatedAt moves again when an
     * export resolves after the end, so glsmon knows an end only to within the poll interval it
     * promises: an {@code endedAt} that close to the truth's end counts in the truth's window, one
     * further off in its own (a real timing error, which may then put a window off).
     */
    private static Instant endTime(SessionTermination t, Instant truthEnd, Judging judging) {
        Instant ended = t.getEndedAt();
        if (truthEnd != null && Duration.between(truthEnd, ended).abs().compareTo(judging.pollInterval()) <= 0) {
            return truthEnd;
        }
        return ended;
    }

    private String categoryOf(String reason) {
        return reason == null ? UNKNOWN : reasonCategories.getOrDefault(reason, UNKNOWN);
    }

    private static String key(String location, long window) {
        return location + "|" + window;
    }

    /** The last truth state before {@code observedAt} with this status (and reason, when one is reported). */
    private static int lastHad(List<TruthState> states, String status, String reason, Instant observedAt) {
        for (int i = states.size() - 1; i >= 0; i--) {
            TruthState s = states.get(i);
            if (!s.start().isAfter(observedAt) && s.status().equals(status)
                    && (reason == null || reason.equals(s.reason()))) {
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

    private static String text(JsonNode event, String field) {
        JsonNode value = event.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** A few examples of each kind, so that a common one does not hide the rest. */
    private static void example(Map<String, List<String>> examples, String kind, String text) {
        List<String> ofKind = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (ofKind.size() < EXAMPLES_PER_KIND) {
            ofKind.add(text);
        }
    }
}
