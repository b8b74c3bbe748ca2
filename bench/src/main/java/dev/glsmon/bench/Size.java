package dev.glsmon.bench;

import java.util.List;

/**
 * How big each section runs. {@link #FULL} is what the issue asks for, {@link #QUICK} a few
 * minutes in all, {@link #TINY} the CI smoke test (every section, well under a minute and a half).
 *
 * @param processorSessions sessions of the processor workload (sections 1 and 6)
 * @param processorCycles poll cycles of that workload
 * @param pollerSessions populations the poller cycle is measured at (section 3)
 * @param scalingPollerSessions population of the poller scaling run (section 6)
 * @param latencySeconds wall time the live pipeline runs for the detection latency (section 4)
 * @param memorySessions live sessions loaded for the memory figures (section 5)
 * @param churnSessions live population the churn steps keep (section 7)
 * @param churnRates the churn steps, ends per second (section 7)
 * @param churnSeconds how long each churn step ends sessions (section 7)
 * @param volumeMinutes virtual minutes the poller publishes the demo scenario for (section 8)
 * @param fleetSessions sessions of the fleet the fast lane is measured at (section 4, fleet)
 * @param fleetGroups its stream groups
 * @param fleetSeconds wall time each fleet run is measured for, after its first full sweep
 * @param jmhForks 0 runs JMH in this JVM (the smoke test), else forked JVMs
 */
public record Size(
        String name,
        int processorSessions,
        int processorCycles,
        List<Integer> pollerSessions,
        int scalingPollerSessions,
        int latencySeconds,
        int memorySessions,
        int churnSessions,
        List<Integer> churnRates,
        int churnSeconds,
        int volumeMinutes,
        int fleetSessions,
        int fleetGroups,
        int fleetSeconds,
        int jmhForks,
        int jmhWarmups,
        int jmhIterations,
        int jmhIterationMillis) {

    public static final Size FULL = new Size("full", 6_000, 80, List.of(10_000, 100_000), 10_000, 90, 100_000,
            10_000, List.of(10, 30, 100, 300, 1_000), 45, 120, 100_000, 200, 120, 1, 5, 10, 1_000);
    public static final Size QUICK = new Size("quick", 2_000, 40, List.of(10_000), 5_000, 30, 20_000,
            10_000, List.of(10, 100, 1_000), 20, 30, 20_000, 40, 60, 1, 2, 3, 1_000);
    public static final Size TINY = new Size("tiny", 150, 8, List.of(1_000), 1_000, 5, 1_000,
            400, List.of(5), 2, 12, 2_000, 10, 10, 0, 1, 1, 200);
}
