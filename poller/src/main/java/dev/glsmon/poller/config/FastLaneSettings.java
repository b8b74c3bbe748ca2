package dev.glsmon.poller.config;

import static dev.glsmon.poller.config.PollerSettings.*;

import dev.glsmon.common.config.Durations;
import dev.glsmon.common.config.InvalidSettingException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;

/**
 * The fast lane's settings, checked here so that every caller (command line, tests, the local
 * stack) gets the same message naming the option.
 *
 * @param mode on, off, or auto: on while a full sweep takes longer than {@code autoThreshold}
 * @param interval time between fast sweep starts
 * @param budgetShare the most of this instance's ListStreamSessionsByAccount pace the fast lane uses, 0..1
 * @param statuses the statuses listed every fast sweep, one filtered listing each
 * @param autoThreshold in auto mode, the full-sweep duration above which the fast lane runs
 */
public record FastLaneSettings(FastLaneMode mode, Duration interval, double budgetShare, List<String> statuses,
        Duration autoThreshold) {

    /** The defaults are the settings table's (PollerSettings). */
    public static final List<String> DEFAULT_STATUSES = List.of(FAST_LANE_STATUSES.defaultValue().split(","));
    public static final Duration DEFAULT_INTERVAL = Durations.parse(FAST_LANE_INTERVAL.defaultValue());
    public static final double DEFAULT_BUDGET_SHARE = Double.parseDouble(FAST_LANE_BUDGET_SHARE.defaultValue());
    public static final Duration DEFAULT_AUTO_THRESHOLD = Durations.parse(FAST_LANE_AUTO_THRESHOLD.defaultValue());

    public FastLaneSettings {
        require(mode != null, "--fast-lane", "must be on, off or auto");
        require(interval != null && !interval.isNegative() && !interval.isZero(), "--fast-lane-interval",
                "must be > 0, was " + (interval == null ? null : Durations.format(interval)));
        require(budgetShare > 0 && budgetShare <= 1, "--fast-lane-budget-share",
                "must be > 0 and <= 1 (a share of this instance's ListStreamSessionsByAccount pace), was " + budgetShare);
        require(statuses != null && !statuses.isEmpty(), "--fast-lane-statuses", "must name at least one status");
        statuses = List.copyOf(new LinkedHashSet<>(statuses.stream().map(s -> s.trim().toUpperCase()).toList()));
        for (String status : statuses) {
            StreamSessionStatus known = StreamSessionStatus.fromValue(status);
            require(known != null && known != StreamSessionStatus.UNKNOWN_TO_SDK_VERSION, "--fast-lane-statuses",
                    "'" + status + "' is not a stream session status " + StreamSessionStatus.knownValues());
        }
        require(autoThreshold != null && !autoThreshold.isNegative() && !autoThreshold.isZero(),
                "--fast-lane-auto-threshold",
                "must be > 0, was " + (autoThreshold == null ? null : Durations.format(autoThreshold)));
    }

    public static FastLaneSettings defaults() {
        return new FastLaneSettings(FastLaneMode.valueOf(FAST_LANE.defaultValue().toUpperCase()), DEFAULT_INTERVAL,
                DEFAULT_BUDGET_SHARE, DEFAULT_STATUSES, DEFAULT_AUTO_THRESHOLD);
    }

    public FastLaneSettings withMode(FastLaneMode value) {
        return new FastLaneSettings(value, interval, budgetShare, statuses, autoThreshold);
    }

    @Override
    public String toString() {
        return mode.name().toLowerCase() + "(every " + Durations.format(interval) + ", " + budgetShare
                + " of ListStreamSessionsByAccount, " + statuses + ", auto above " + Durations.format(autoThreshold) + ")";
    }

    private static void require(boolean ok, String option, String problem) {
        if (!ok) {
            throw new InvalidSettingException(option.substring(2), problem);
        }
    }
}
