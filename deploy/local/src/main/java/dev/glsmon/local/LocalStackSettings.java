package dev.glsmon.local;

import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;

/**
 * Every setting of the local stack launcher in one place: name, default and meaning. {@link
 * LocalStackOptions} reads them; the command line offers each as an option with its {@code GLSMON_}
 * variable. A part's port is named after the part and that part's own option.
 */
final class LocalStackSettings {

    static final Setting DATA_DIR = Setting.of("data-dir", "DIR", ".glsmon",
            "Kafka data, processor state, truth logs and logs; kept across runs.");
    static final Setting TIME_SCALE = Setting.of("time-scale", "N", "60",
            "Simulated seconds per wall-clock second (more than 0, at most 10000).");
    static final Setting DURATION = Setting.of("duration", "DURATION", "0s",
            "Stop by itself after this long (e.g. 90s, 10m); 0s runs until Ctrl-C.");
    static final Setting SCENARIO = Setting.of("scenario", "NAME|FILE", "demo",
            "Built-in scenario name (demo) or a scenario file.");
    static final Setting SEED = Setting.of("seed", "N", "42",
            "The simulator's seed in the first run; each later run on the same data directory takes the next.");
    static final Setting POLL_INTERVAL = Setting.of("poll-interval", "DURATION", "2s",
            "Wall-clock time between poll cycles.");
    static final Setting KAFKA_PORT = Setting.of("kafka-port", "PORT", "9092",
            "Port of the Kafka broker (the broker's --port); 0 picks a free one.");
    static final Setting SIMULATOR_HTTP_PORT = Setting.of("simulator-http-port", "PORT", "8443",
            "Port of the simulator (its --http-port); 0 picks a free one.").formerly("simulator-port");
    static final Setting POLLER_HTTP_PORT = Setting.of("poller-http-port", "PORT", "9401",
            "Port of the poller's /metrics, /healthz, /readyz (its --http-port); 0 picks a free one.");
    static final Setting PROCESSOR_HTTP_PORT = Setting.of("processor-http-port", "PORT", "9402",
            "Port of the processor's HTTP server (its --http-port); 0 picks a free one.");
    static final Setting HTTP_BIND = Setting.of("http-bind", "ADDRESS", "127.0.0.1",
            "Address the poller's and processor's HTTP servers listen on.");
    static final Setting QUIET = Setting.flag("quiet", "false",
            "No live summary (it is also off when standard output is not a terminal).");
    static final Setting SUMMARY_INTERVAL = Setting.of("summary-interval", "DURATION", "3s",
            "How often the live summary is redrawn.");
    static final Setting AWS = Setting.flag("aws", "false",
            "Poll real AWS GameLift Streams instead of the simulator (credentials from the AWS default chain).");
    static final Setting REGION = Setting.of("region", "REGION", "", "AWS Region, with --aws (required there).");
    static final Setting STREAM_GROUPS = Setting.of("stream-groups", "ID,...", "",
            "Stream group ids to poll, with --aws; empty: discover them.");

    static final SettingTable TABLE = SettingTable.of(DATA_DIR, TIME_SCALE, DURATION, SCENARIO, SEED, POLL_INTERVAL,
            KAFKA_PORT, SIMULATOR_HTTP_PORT, POLLER_HTTP_PORT, PROCESSOR_HTTP_PORT, HTTP_BIND, QUIET, SUMMARY_INTERVAL,
            AWS, REGION, STREAM_GROUPS);

    private LocalStackSettings() {}
}
