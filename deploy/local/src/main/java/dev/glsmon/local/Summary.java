package dev.glsmon.local;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the live summary shows at one moment.
 *
 * @param sessions location -> status -> live sessions
 * @param errorRatio location -> error ratio of the last 5-minute window: error terminations over those
 *     of a known category (absent: no terminations yet)
 * @param unknownRatio location -> unknown share of the same window: UNKNOWN terminations (no reason, or
 *     VANISHED) over all (absent: no terminations yet)
 * @param exports export commands issued by rule, and export results by outcome
 */
record Summary(
        Duration uptime,
        String virtualTime,
        SortedMap<String, SortedMap<String, Long>> sessions,
        double transitionsPerSecond,
        long transitionsTotal,
        SortedMap<String, Double> errorRatio,
        SortedMap<String, Double> unknownRatio,
        Map<String, Long> exportCommands,
        Map<String, Long> exportResults,
        long pollCyclesComplete,
        long pollCyclesIncomplete,
        long deadLetters) {}
