package dev.glsmon.poller.cycle;

import dev.glsmon.poller.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one {@code Poller.pollOnce()} did, for tests, benchmarks and logs.
 *
 * @param listCalls successful listing calls (pages)
 * @param getCalls GetStreamSession calls the cycle asked for (queued: they run off its path, after it if need be)
 * @param sessions distinct sessions listed
 * @param snapshots listed snapshots published (enriched and not-found ones follow from the Get queue)
 * @param repeats listed sessions not published: nothing changed since their last acknowledged snapshot
 * @param notFound sessions missing from an earlier listing whose Get answered 404 since the last cycle
 * @param duration wall time of the cycle
 */
public record CycleReport(
        Mode mode,
        Instant startedAt,
        Duration duration,
        List<GroupCycleReport> groups,
        int listCalls,
        int getCalls,
        int sessions,
        int snapshots,
        int repeats,
        int notFound) {

    public CycleReport {
        groups = List.copyOf(groups);
    }

    /** API calls the cycle made at its call sites (listing pages plus enrichment). */
    public int apiCalls() {
        return listCalls + getCalls;
    }

    public boolean allComplete() {
        return !groups.isEmpty() && groups.stream().allMatch(GroupCycleReport::complete);
    }

    public long count(String outcome) {
        return groups.stream().filter(g -> g.outcome().equals(outcome)).count();
    }

    @Override
    public String toString() {
        return mode.cliName() + " cycle: " + groups.size() + " groups (" + count(PollerMetrics.OUTCOME_COMPLETE)
                + " complete, " + count(PollerMetrics.OUTCOME_INCOMPLETE) + " incomplete, "
                + count(PollerMetrics.OUTCOME_FAILED) + " failed), " + sessions + " sessions, " + listCalls
                + " list calls, " + getCalls + " get calls, " + snapshots + " snapshots (" + repeats + " repeats not published), " + duration.toMillis() + " ms";
    }
}
