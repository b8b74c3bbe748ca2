package dev.glsmon.local;

import static dev.glsmon.local.LocalStackSettings.*;

import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the launcher's settings decided ({@link LocalStackSettings}); checked before anything starts. */
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
        boolean quiet,
        Duration summaryInterval,
        boolean aws,
        String region,
        List<String> streamGroups,
        Map<String, String> processorOverrides) {

    /**
     * @param settings setting name -> text; missing settings take their defaults
     * @throws InvalidSettingException naming the first setting that cannot be used
     */
    static LocalStackOptions from(Map<String, String> settings) {
        SettingsReader r = new SettingsReader(settings);
        boolean aws = r.bool(AWS);
        String region = r.text(REGION);
        if (aws && region.isBlank()) {
            throw new InvalidSettingException(REGION.name(), "required with --aws");
        }
        LocalStackOptions options = new LocalStackOptions(
                Path.of(r.nonBlank(DATA_DIR)),
                r.read(TIME_SCALE, v -> {
                    double scale = Double.parseDouble(v);
                    if (!(scale > 0) || scale > 10_000) {
                        throw new IllegalArgumentException("must be more than 0 and at most 10000, was " + v);
                    }
                    return scale;
                }),
                r.duration(DURATION),
                r.nonBlank(SCENARIO),
                r.read(SEED, Long::parseLong),
                r.positiveDuration(POLL_INTERVAL),
                r.port(KAFKA_PORT),
                r.port(SIMULATOR_HTTP_PORT),
                r.port(POLLER_HTTP_PORT),
                r.port(PROCESSOR_HTTP_PORT),
                r.nonBlank(HTTP_BIND),
                r.bool(QUIET),
                r.positiveDuration(SUMMARY_INTERVAL),
                aws,
                region.isBlank() ? null : region,
                r.read(STREAM_GROUPS, v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()),
                Map.of());
        r.rejectUnknown();
        return options;
    }

    /** Processor settings on top of the demo's (tests turn on more export rules). */
    LocalStackOptions withProcessorOverrides(Map<String, String> overrides) {
        return new LocalStackOptions(dataDir, timeScale, duration, scenario, seed, pollInterval, kafkaPort, simulatorPort,
                pollerHttpPort, processorHttpPort, httpBind, quiet, summaryInterval, aws, region, streamGroups,
                Map.copyOf(overrides));
    }
}
