package dev.glsmon.processor.export;

import static dev.glsmon.processor.session.SessionLifecycle.location;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.config.ExportSettings;
import dev.glsmon.processor.config.OutputUriTemplate;
import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.processor.session.Outcome;
import dev.glsmon.processor.session.TerminationCategories;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import dev.glsmon.schemas.LocationErrorRate;
import dev.glsmon.schemas.SessionState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which export rule, if any, fires for a session after an input. At most one rule per session ever
 * (the caller records it in the session state), checked in a fixed order: APPLICATION, SAMPLE,
 * CLIENT_DISCONNECT, LOCATION_ERROR_RATE. APPLICATION and SAMPLE are decided when a session enters
 * an in-progress status (or is first seen in one); CLIENT_DISCONNECT when it enters
 * PENDING_CLIENT_RECONNECTION; LOCATION_ERROR_RATE on any snapshot of an in-progress session while its
 * location is hot, up to the cap.
 *
 * <p>{@link #fold} records the decision (and a FINAL result) in the session's state and builds the
 * command. Per task and not thread-safe, like the processor that owns it.
 */
public final class ExportRules {

    private static final Logger LOG = LoggerFactory.getLogger(ExportRules.class);

    private final ExportSettings settings;
    private final TerminationCategories categories;
    /** Per cap bucket (record time / window size) and location: commands of LOCATION_ERROR_RATE issued. */
    private final Map<Long, Map<String, Integer>> capUsed = new HashMap<>();
    private Set<String> hotLocations = Set.of();

    public ExportRules(ExportSettings settings, TerminationCategories categories) {
        this.settings = settings;
        this.categories = categories;
    }

    /**
     * An outcome's state with a FINAL export result and this input's export decision folded in.
     *
     * @param state what to store; {@code changed} when it must be written
     * @param command the command to send, null when no rule fired or its OutputUri was refused
     * @param refused the rule that fired but whose OutputUri would leave the allow-list, else null
     * @param exportFinal the FINAL result to send, recorded in the state, or null
     */
    public record Folded(SessionState state, boolean changed, ExportCommand command, ExportRule refused,
            ExportResult exportFinal) {

        /** What to send for the session, in order: the command, then the FINAL result. */
        public List<SpecificRecord> records() {
            List<SpecificRecord> records = new ArrayList<>(2);
            if (command != null) {
                records.add(command);
            }
            if (exportFinal != null) {
                records.add(exportFinal);
            }
            return records;
        }
    }

    /** @param exportFinal the FINAL result this input settles (its time is stored), or null */
    public Folded fold(String arn, Outcome outcome, ExportResult exportFinal, long recordTime) {
        SessionState state = outcome.state();
        boolean changed = outcome.changed();
        if (exportFinal != null) {
            state = ExportFinals.recorded(state, recordTime);
            changed = true;
        }
        ExportRule rule = decide(arn, state, outcome.previousStatus(), outcome.enteredStatus(), recordTime);
        if (rule == null) {
            return new Folded(state, changed, null, null, exportFinal);
        }
        taken(rule, state, recordTime);
        SessionState.Builder decided = SessionState.newBuilder(state)
                .setExportRule(rule.name())
                .setExportIssuedAt(Instant.ofEpochMilli(recordTime));
        String sessionLocation = state.getLocation();
        Optional<String> uri = settings.uris().flatMap(u -> u.resolve(rule, sessionLocation));
        if (uri.isEmpty()) {
            LOG.warn("export of {} by rule {} refused: its OutputUri would leave the allow-list {} (location {})",
                    arn, rule, settings.uris().map(OutputUriTemplate::allowedPrefixes).orElse(List.of()), sessionLocation);
            return new Folded(decided.build(), true, null, rule, exportFinal);
        }
        decided.setExportCommandId(ExportCommands.commandId(arn, rule));
        ExportCommand command = ExportCommands.command(arn, state, rule, uri.get(), recordTime);
        return new Folded(decided.build(), true, command, null, exportFinal);
    }

    /** Whether LOCATION_ERROR_RATE is on, so that the live rates must be watched. */
    public boolean watchesErrorRates() {
        return settings.enabled(ExportRule.LOCATION_ERROR_RATE);
    }

    /**
     * The locations of these live rates (the global live-rates store) whose ratio in the watched
     * window is at or above the threshold become the hot ones.
     *
     * @return true when the hot locations changed
     */
    public boolean hotLocations(Collection<LocationErrorRate> liveRates) {
        Set<String> hot = new HashSet<>();
        for (LocationErrorRate rate : liveRates) {
            // the minimum counts the terminations the ratio is taken over: UNKNOWN ones do not
            // make a handful of known errors a high ratio
            if (rate != null && rate.getWindow().equals(settings.errorRateWindow().name())
                    && categories.ratioBase(rate.getTerminations(), rate.getUnknown()) >= settings.errorRateMinTerminations()
                    && rate.getErrorRatio() >= settings.errorRateThreshold()) {
                hot.add(rate.getLocation());
            }
        }
        boolean changed = !hot.equals(hotLocations);
        hotLocations(hot);
        return changed;
    }

    public boolean anyEnabled() {
        return !settings.enabledRules().isEmpty();
    }

    /** Locations whose live ratio is at or above the threshold now (from the global live-rates store). */
    public void hotLocations(Set<String> locations) {
        this.hotLocations = Set.copyOf(locations);
    }

    public Set<String> hotLocations() {
        return hotLocations;
    }

    /** Counts an export found in the store (task start) towards the cap of its bucket. */
    public void restore(SessionState state) {
        if (ExportRule.LOCATION_ERROR_RATE.name().equals(state.getExportRule()) && state.getExportIssuedAt() != null) {
            capUsed.computeIfAbsent(bucket(state.getExportIssuedAt().toEpochMilli()), b -> new HashMap<>())
                    .merge(location(state), 1, Integer::sum);
        }
    }

    /**
     * @param previousStatus the status before this input (null for a session first seen)
     * @param enteredStatus the status this input moved the session into, null when unchanged
     * @return the rule that fires, or null
     */
    public ExportRule decide(String arn, SessionState state, String previousStatus, String enteredStatus,
            long recordTime) {
        if (state == null || state.getExportRule() != null || state.getEnded()
                || !Lifecycle.isInProgress(state.getStatus())) {
            return null;
        }
        boolean enteredInProgress = enteredStatus != null && Lifecycle.isInProgress(enteredStatus)
                && (previousStatus == null || !Lifecycle.isInProgress(previousStatus));
        if (enteredInProgress && settings.enabled(ExportRule.APPLICATION)
                && state.getApplicationArn() != null && settings.applications().contains(state.getApplicationArn())) {
            return ExportRule.APPLICATION;
        }
        if (enteredInProgress && settings.enabled(ExportRule.SAMPLE) && sampled(arn, settings.sampleRate())) {
            return ExportRule.SAMPLE;
        }
        if (settings.enabled(ExportRule.CLIENT_DISCONNECT) && Lifecycle.PENDING_CLIENT_RECONNECTION.equals(enteredStatus)) {
            return ExportRule.CLIENT_DISCONNECT;
        }
        if (settings.enabled(ExportRule.LOCATION_ERROR_RATE) && !hotLocations.isEmpty()
                && hotLocations.contains(location(state)) && underCap(location(state), recordTime)) {
            return ExportRule.LOCATION_ERROR_RATE;
        }
        return null;
    }

    /** Records that a LOCATION_ERROR_RATE decision was taken (commanded or refused), for the cap. */
    private void taken(ExportRule rule, SessionState state, long recordTime) {
        if (rule == ExportRule.LOCATION_ERROR_RATE) {
            long bucket = bucket(recordTime);
            capUsed.keySet().removeIf(b -> b < bucket); // older windows no longer matter
            capUsed.computeIfAbsent(bucket, b -> new HashMap<>()).merge(location(state), 1, Integer::sum);
        }
    }

    private boolean underCap(String location, long recordTime) {
        Map<String, Integer> used = capUsed.get(bucket(recordTime));
        return used == null || used.getOrDefault(location, 0) < settings.errorRateCap();
    }

    private long bucket(long recordTime) {
        return Math.floorDiv(recordTime, settings.errorRateWindow().sizeMs());
    }

    /**
     * Deterministic: the first 8 bytes of SHA-256(arn) as a fraction of 2^64, below the rate. The
     * same session is in or out of the sample on every instance and after every restart.
     */
    public static boolean sampled(String arn, double rate) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11; // 53 bits: exact in a double
            return bits / (double) (1L << 53) < rate;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
