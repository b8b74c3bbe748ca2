package dev.glsmon.local;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a {@link Summary} as a compact text block for a terminal (no colours, fixed columns). */
final class SummaryRenderer {

    /** Column order: the lifecycle, then anything a newer API adds. */
    static final List<String> STATUS_ORDER = List.of(
            "ACTIVATING", "ACTIVE", "CONNECTED", "PENDING_CLIENT_RECONNECTION", "RECONNECTING", "TERMINATING");
    private static final Map<String, String> SHORT = Map.of(
            "ACTIVATING", "ACTIVATING",
            "ACTIVE", "ACTIVE",
            "CONNECTED", "CONNECTED",
            "PENDING_CLIENT_RECONNECTION", "PENDING_RECONN",
            "RECONNECTING", "RECONNECTING",
            "TERMINATING", "TERMINATING");

    private SummaryRenderer() {}

    static String render(Summary s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("glsmon local  up %s  virtual time %s%n", format(s.uptime()), s.virtualTime()));
        List<String> statuses = columns(s.sessions());
        out.append(String.format("%-16s", "location"));
        statuses.forEach(status -> out.append(String.format(" %14s", SHORT.getOrDefault(status, status))));
        out.append(String.format(" %8s %11s %11s%n", "total", "error 5m", "unknown 5m"));
        SortedMap<String, Long> totals = new TreeMap<>();
        for (String location : locations(s)) {
            SortedMap<String, Long> byStatus = s.sessions().getOrDefault(location, new TreeMap<>());
            out.append(String.format("%-16s", location));
            long total = 0;
            for (String status : statuses) {
                long count = byStatus.getOrDefault(status, 0L);
                total += count;
                totals.merge(status, count, Long::sum);
                out.append(String.format(" %14d", count));
            }
            out.append(String.format(" %8d %11s %11s%n", total,
                    percent(s.errorRatio().get(location)), percent(s.unknownRatio().get(location))));
        }
        out.append(String.format("%-16s", "all"));
        statuses.forEach(status -> out.append(String.format(" %14d", totals.getOrDefault(status, 0L))));
        out.append(String.format(" %8d%n", totals.values().stream().mapToLong(Long::longValue).sum()));
        out.append(String.format("transitions %.1f/s (%d in all)   poll cycles %d complete, %d incomplete   dead letters %d%n",
                s.transitionsPerSecond(), s.transitionsTotal(), s.pollCyclesComplete(), s.pollCyclesIncomplete(),
                s.deadLetters()));
        out.append("exports: commands ").append(counts(s.exportCommands()))
                .append("  results ").append(counts(s.exportResults())).append('\n');
        return out.toString();
    }

    private static List<String> columns(SortedMap<String, SortedMap<String, Long>> sessions) {
        List<String> extra = sessions.values().stream()
                .flatMap(m -> m.keySet().stream())
                .filter(status -> !STATUS_ORDER.contains(status) && !isEnded(status))
                .distinct().sorted().toList();
        return java.util.stream.Stream.concat(STATUS_ORDER.stream(), extra.stream()).toList();
    }

    /** Ended sessions are counted as terminations, not as live sessions. */
    static boolean isEnded(String status) {
        return status.equals("TERMINATED") || status.equals("ERROR") || status.equals("VANISHED");
    }

    private static java.util.SortedSet<String> locations(Summary s) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>(s.sessions().keySet());
        all.addAll(s.errorRatio().keySet());
        all.addAll(s.unknownRatio().keySet());
        return all;
    }

    private static String percent(Double ratio) {
        return ratio == null ? "-" : String.format("%.1f%%", ratio * 100);
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(counts).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String format(java.time.Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
