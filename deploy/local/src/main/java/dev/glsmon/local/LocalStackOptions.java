package dev.glsmon.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        List<String> streamGroups) {}
