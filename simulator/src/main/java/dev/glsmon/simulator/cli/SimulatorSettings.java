package dev.glsmon.simulator.cli;

import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;

/**
 * Every simulator setting in one place: name, default and meaning. {@link SimulatorConfig} reads
 * them and the command line offers each as an option with its {@code GLSMON_} variable (common's
 * {@code SettingsCommandLine}).
 */
public final class SimulatorSettings {

    public static final Setting HTTP_PORT = Setting.of("http-port", "PORT", "8443",
            "Port of the HTTP server (the GameLift Streams API and /_glsmon/...); 0 picks a free one.").formerly("port");
    public static final Setting HTTP_BIND = Setting.of("http-bind", "ADDRESS", "127.0.0.1",
            "Address the HTTP server listens on; 0.0.0.0 is every interface.").formerly("bind");
    public static final Setting SCENARIO = Setting.of("scenario", "NAME|FILE", "demo",
            "Built-in scenario (demo, empty) or a .json/.yaml scenario file.");
    public static final Setting SEED = Setting.of("seed", "N", "42", "Seed of every random draw.");
    public static final Setting TIME_SCALE = Setting.of("time-scale", "N", "1",
            "Virtual seconds per wall second (60: an hour a minute).");
    public static final Setting START_TIME = Setting.of("start-time", "INSTANT", "",
            "Virtual time at start, ISO-8601 (2026-01-01T00:00:00Z); empty: now.");
    public static final Setting RETENTION = Setting.of("retention", "DURATION", "",
            "How long ended sessions stay listed (90s, 5m, PT10M); empty: the scenario's.");
    public static final Setting TRUTH_LOG = Setting.of("truth-log", "FILE", "",
            "Append the ground truth as JSON lines to this file (truncated at start).");
    public static final Setting TRUTH_CAPACITY = Setting.of("truth-capacity", "N", "1000000",
            "Truth events kept in memory.");
    public static final Setting REQUEST_LOG_CAPACITY = Setting.of("request-log-capacity", "N", "10000",
            "API request records kept in memory; 0 keeps counters only.");
    public static final Setting REGION = Setting.of("region", "REGION", "us-west-2", "Region in ARNs.");
    public static final Setting ACCOUNT_ID = Setting.of("account-id", "ACCOUNT", "111122223333",
            "Account in ARNs (12 digits).");
    public static final Setting THREADS = Setting.of("threads", "N", "8", "HTTP worker threads.");
    public static final Setting POPULATE = Setting.of("populate", "N", "0",
            "Bulk-create this many static live sessions at start (benchmarks).");
    public static final Setting POPULATE_GROUPS = Setting.of("populate-groups", "N", "200",
            "Stream groups the --populate sessions are spread over.");
    public static final Setting ENFORCE_RATE_LIMITS = Setting.flag("enforce-rate-limits", "false",
            "Answer ThrottlingException above the service's rate limits (20/s per session operation,"
                    + " 10/s for stream groups); also on when --faults-file says so.");
    public static final Setting FAULTS_FILE = Setting.of("faults-file", "FILE", "",
            "Fault settings as JSON (the format of GET /_glsmon/faults); the fault options below override its default.");
    public static final Setting THROTTLE_PROBABILITY = Setting.of("throttle-probability", "RATIO", "",
            "Chance (0..1) of ThrottlingException (429) per request, every operation.");
    public static final Setting SERVER_ERROR_PROBABILITY = Setting.of("server-error-probability", "RATIO", "",
            "Chance (0..1) of InternalServerException (500) per request, every operation.");
    public static final Setting LATENCY = Setting.of("latency", "DURATION", "",
            "Latency added to every request (e.g. 200ms).");
    public static final Setting FAIL_PAGE = Setting.of("fail-page", "N", "",
            "Listing page number (1 = first) that always answers 500; 0 for none.");
    public static final Setting MALFORMED_PROBABILITY = Setting.of("malformed-probability", "RATIO", "",
            "Chance (0..1) that a successful body is damaged (truncated, extra fields, missing fields).");

    public static final SettingTable TABLE = SettingTable.of(
            HTTP_PORT, HTTP_BIND, SCENARIO, SEED, TIME_SCALE, START_TIME, RETENTION, TRUTH_LOG, TRUTH_CAPACITY,
            REQUEST_LOG_CAPACITY, REGION, ACCOUNT_ID, THREADS, POPULATE, POPULATE_GROUPS, ENFORCE_RATE_LIMITS,
            FAULTS_FILE, THROTTLE_PROBABILITY, SERVER_ERROR_PROBABILITY, LATENCY, FAIL_PAGE, MALFORMED_PROBABILITY);

    private SimulatorSettings() {}
}
