package dev.glsmon.testbed;

import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.RequestLog;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.Simulator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API calls one poll cycle cost, counted by the simulator (not by the poller under test), and
 * the floor any poller pays: one listing call per page.
 *
 * @param report what the cycle said of itself
 * @param list ListStreamSessions calls answered (429s not counted)
 * @param get GetStreamSession calls answered (429s not counted)
 * @param throttled calls of either operation answered 429
 */
public record CycleCalls<R>(R report, long list, long get, long throttled) {

    public interface Cycle<R> {
        R run() throws Exception;
    }

    public long total() {
        return list + get;
    }

    /** Runs one cycle and counts what the simulator answered during it. */
    public static <R> CycleCalls<R> measure(Simulator sim, Cycle<R> cycle) throws Exception {
        RequestLog requests = sim.requests();
        long[] before = counts(requests);
        R report = cycle.run();
        long[] after = counts(requests);
        long listThrottled = after[1] - before[1];
        long getThrottled = after[3] - before[3];
        return new CycleCalls<>(report, after[0] - before[0] - listThrottled, after[2] - before[2] - getThrottled,
                listThrottled + getThrottled);
    }

    /** {list, list 429, get, get 429}. */
    private static long[] counts(RequestLog requests) {
        return new long[] {
            requests.count(ApiOperation.LIST_STREAM_SESSIONS), requests.count(ApiOperation.LIST_STREAM_SESSIONS, 429),
            requests.count(ApiOperation.GET_STREAM_SESSION), requests.count(ApiOperation.GET_STREAM_SESSION, 429)
        };
    }

    /** Pages a listing needs at the simulator's current population and this page size: the floor of any poller. */
    public static int pagesLowerBound(Simulator sim, int pageSize) {
        Map<String, Long> perGroup = sim.control().sessions().stream()
                .collect(Collectors.groupingBy(SessionView::streamGroupId, Collectors.counting()));
        return perGroup.values().stream().mapToInt(n -> (int) Math.max(1, (n + pageSize - 1) / pageSize)).sum();
    }
}
