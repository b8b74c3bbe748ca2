package dev.glsmon.processor.export;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.config.ExportSettings;
import dev.glsmon.processor.session.Lifecycle;
import dev.glsmon.schemas.SessionState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which export rule, if any, fires for a session after an input. At most one rule per session ever
 * (the caller records it in the session state), checked in a fixed order: APPLICATION, SAMPLE,
 * CLIENT_DISCONNECT, LOCATION_ERROR_RATE. APPLICATION and SAMPLE are decided when a session enters
 * an in-progress status (or is first seen in one); CLIENT_DISCONNECT when it enters
 * PENDING_CLIENT_RECONNECTION; LOCATION_ERROR_RATE on any snapshot of an in-progress session while its
 * location is hot, up to the cap.
 *
 * <p>Per task and not thread-safe, like the processor that owns it.
 */
public final class ExportRules {

    private final ExportSettings settings;
    /** Per cap bucket (record time / window size) and location: commands of LOCATION_ERROR_RATE issued. */
    private final Map<Long, Map<String, Integer>> capUsed = new HashMap<>();
    private Set<String> hotLocations = Set.of();

    public ExportRules(ExportSettings settings) {
        this.settings = settings;
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
    public void taken(ExportRule rule, SessionState state, long recordTime) {
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

    private static String location(SessionState state) {
        return state.getLocation() == null ? "unknown" : state.getLocation();
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
