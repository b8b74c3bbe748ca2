package dev.glsmon.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the launcher's options decided; checked by {@link LocalStackMain} before anything starts. */
record LocalStackOptions(
        Path dataDir,
        double timeScale,
        Duration duration,
        String scenario,
        long seed,
        Duration pollInterval,
        int kafkaPort,
        int simulatorPort,
        int pollerHttpPort,
        int processorHttpPort,
        String httpBind,
        boolean aws,
        String region,
        List<String> streamGroups,
        Map<String, String> processorOverrides) {

    /** The options without processor overrides (what the command line gives). */
    LocalStackOptions(Path dataDir, double timeScale, Duration duration, String scenario, long seed, Duration pollInterval,
            int kafkaPort, int simulatorPort, int pollerHttpPort, int processorHttpPort, String httpBind, boolean aws,
            String region, List<String> streamGroups) {
        this(dataDir, timeScale, duration, scenario, seed, pollInterval, kafkaPort, simulatorPort, pollerHttpPort,
                processorHttpPort, httpBind, aws, region, streamGroups, Map.of());
    }

    /** Processor settings on top of the demo's (tests turn on more export rules). */
    LocalStackOptions withProcessorOverrides(Map<String, String> overrides) {
        return new LocalStackOptions(dataDir, timeScale, duration, scenario, seed, pollInterval, kafkaPort, simulatorPort,
                pollerHttpPort, processorHttpPort, httpBind, aws, region, streamGroups, Map.copyOf(overrides));
    }
}
