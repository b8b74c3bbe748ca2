package dev.glsmon.poller.config;

import dev.glsmon.common.config.KafkaClientSettings;
import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;
import dev.glsmon.poller.aws.ApiOperations;
import java.util.Map;

/**
 * Every poller setting in one place: name, default and meaning. {@code PollerConfig} reads them from
 * a map (its builder writes that map), and the command line offers each as an option with an
 * environment fallback (common's {@code SettingsCommandLine}), so the three never drift apart.
 */
public final class PollerSettings {

    /** Map keys with this prefix pass through unchanged to the Kafka clients. */
    public static final String KAFKA_PREFIX = KafkaClientSettings.PREFIX;

    // --- AWS
    public static final Setting REGION = Setting.of("region", "REGION", "",
            "AWS Region to poll, e.g. us-west-2; empty: the SDK's region chain (AWS_REGION, profile).");
    public static final Setting ENDPOINT_URL = Setting.of("endpoint-url", "URL", "",
            "http(s) URL of the GameLift Streams API, e.g. the simulator http://127.0.0.1:8443; empty: AWS.");

    // --- what to poll
    public static final Setting STREAM_GROUPS = Setting.of("stream-groups", "ID,...", "",
            "Stream group ids (or ARNs) to poll, comma-separated. Group mode needs this or --discover.");
    public static final Setting DISCOVER = Setting.flag("discover", "false",
            "Find the stream groups with ListStreamGroups, again every --discovery-interval.");
    public static final Setting DISCOVERY_INTERVAL = Setting.of("discovery-interval", "DURATION", "5m",
            "Time between ListStreamGroups rounds with --discover.");
    public static final Setting STREAM_GROUP_INTERVAL = Setting.of("stream-group-interval", "DURATION", "30s",
            "Time between GetStreamGroup rounds over this instance's stream groups (status and capacity of each location).");
    public static final Setting MODE = Setting.of("mode", "group|account", "group",
            "group: ListStreamSessions per stream group; account: ListStreamSessionsByAccount (one listing, costly "
                    + "per AWS: to poll it less often raise --min-poll-interval).");
    public static final Setting POLL_INTERVAL = Setting.of("poll-interval", "auto|DURATION", "auto",
            "Time between cycle starts. auto: what a full sweep needs at this instance's share of the listing budget "
                    + "(pages of the last cycle / rate), at least --min-poll-interval; a duration: fixed.");
    public static final Setting MIN_POLL_INTERVAL = Setting.of("min-poll-interval", "DURATION", "1s",
            "The shortest interval --poll-interval auto chooses.");
    /*
     * An hour, not the 10 minutes: a consumer that lost state reads the compacted snapshot
     * topic, and the poller settles absences itself (a Get), so the refresh only backs the processor's
     * VANISHED safety net; at 10 minutes it was most of the topic (docs/ARCHITECTURE.md, bench section 8).
     */
    public static final Setting FULL_REFRESH_INTERVAL = Setting.of("full-refresh-interval", "DURATION", "1h",
            "How often a stream group's cycle publishes every listed session; the cycles between publish only the "
                    + "sessions that changed. The first cycle after a start is always a full one.");
    public static final Setting PAGE_SIZE = Setting.of("page-size", "N", "100",
            "MaxResults per listing call, 1..100.");
    public static final Setting PARALLELISM = Setting.of("parallelism", "N", "4",
            "Stream groups listed at the same time, 1..64.");

    // --- request rates: 80% of the service's limits per account and Region, shared by every instance;
    // the rest is headroom for other callers (consoles, scripts, automation)
    public static final Setting RATE_LIST_STREAM_SESSIONS = rate(ApiOperations.LIST_STREAM_SESSIONS, "16", 20);
    public static final Setting RATE_LIST_STREAM_SESSIONS_BY_ACCOUNT =
            rate(ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT, "16", 20);
    public static final Setting RATE_GET_STREAM_SESSION = rate(ApiOperations.GET_STREAM_SESSION, "16", 20);
    public static final Setting RATE_EXPORT_STREAM_SESSION_FILES = rate(ApiOperations.EXPORT_STREAM_SESSION_FILES, "16", 20);
    public static final Setting RATE_LIST_STREAM_GROUPS = rate(ApiOperations.LIST_STREAM_GROUPS, "8", 10);
    public static final Setting RATE_GET_STREAM_GROUP = rate(ApiOperations.GET_STREAM_GROUP, "8", 10);
    public static final Setting RATE_LIMIT_MAX_WAIT = Setting.of("rate-limit-max-wait", "DURATION", "2m",
            "The longest a call waits for its operation's rate limit before it fails.");

    // --- the SDK's timeouts and retries
    public static final Setting API_CALL_TIMEOUT = Setting.of("api-call-timeout", "DURATION", "60s",
            "Limit for one API call including its retries.");
    public static final Setting API_CALL_ATTEMPT_TIMEOUT = Setting.of("api-call-attempt-timeout", "DURATION", "10s",
            "Limit for one HTTP attempt; at most --api-call-timeout.");
    public static final Setting MAX_ATTEMPTS = Setting.of("max-attempts", "N", "8",
            "Attempts per API call, 1..20 (SDK retry strategy; throttling and 5xx are retried).");
    public static final Setting RETRY_MODE = Setting.of("retry-mode", "standard|adaptive", "standard",
            "SDK retry strategy: standard or adaptive (adds the SDK's client-side rate limiter).");
    public static final Setting RETRY_BASE_DELAY = Setting.of("retry-base-delay", "DURATION", "100ms",
            "Base of the exponential backoff after 5xx and I/O errors.");
    public static final Setting THROTTLING_BASE_DELAY = Setting.of("throttling-base-delay", "DURATION", "500ms",
            "Base of the exponential backoff after ThrottlingException.");
    public static final Setting RETRY_MAX_BACKOFF = Setting.of("retry-max-backoff", "DURATION", "20s",
            "Longest backoff.");
    public static final Setting MAX_CONNECTIONS = Setting.of("max-connections", "N", "16",
            "HTTP connections to the API, 1..1000.");

    // --- Kafka
    public static final Setting BOOTSTRAP_SERVERS = Setting.of("bootstrap-servers", "HOST:PORT[,HOST:PORT...]", "",
            "Kafka bootstrap servers (required).");
    public static final Setting TOPIC_PREFIX = Setting.of("topic-prefix", "PREFIX", "glsmon.",
            "Prefix of every glsmon topic.");
    public static final Setting PARTITIONS = Setting.of("partitions", "N", "6",
            "Partitions of topics glsmon creates (snapshots and poll-cycles must match).");
    public static final Setting REPLICATION_FACTOR = Setting.of("replication-factor", "N", "",
            "Replication factor of topics glsmon creates (min.insync.replicas 2 from 3 copies, else 1); "
                    + "empty: 3, or the number of brokers if fewer.");
    public static final Setting CREATE_TOPICS = Setting.flag("create-topics", "true", "Create missing topics at start.");

    // --- scale-out
    public static final Setting COORDINATION = Setting.of("coordination", "kafka|none", "kafka",
            "kafka: instances of one --group-id share the stream groups through the compacted stream-groups topic; "
                    + "none: this instance polls every group itself.");
    public static final Setting GROUP_ID = Setting.of("group-id", "ID", "glsmon-poller",
            "Consumer group of the poller instances that share the stream groups.");

    // --- export executor
    public static final Setting EXPORT_EXECUTOR = Setting.flag("export-executor", "true", "Execute export commands.");
    public static final Setting EXPORT_GROUP_ID = Setting.of("export-group-id", "ID", "glsmon-poller-export",
            "Consumer group of the export executor.");
    public static final Setting EXPORT_ALLOWED_PREFIXES = Setting.of("export-allowed-prefixes", "S3_URI,...", "",
            "s3://bucket[/prefix] under which OutputUris may be (comma-separated); empty: every export is REJECTED.");
    public static final Setting EXECUTED_COMMANDS_CAPACITY = Setting.of("executed-commands-capacity", "N", "200000",
            "Executed export command ids kept in memory to skip replays.");

    // --- operating
    public static final Setting HTTP_PORT = Setting.of("http-port", "PORT", "9401",
            "Port of /metrics, /healthz, /readyz; 0 picks a free one.");
    public static final Setting HTTP_BIND = Setting.of("http-bind", "ADDRESS", "0.0.0.0",
            "Address the HTTP endpoints listen on: 0.0.0.0 = every interface (for Prometheus and probes from "
                    + "outside), 127.0.0.1 = this host only.");
    public static final Setting POLLER_ID = Setting.of("poller-id", "ID", "",
            "Name of this instance in markers, cycle ids and Kafka client ids; empty: host-pid.");
    public static final Setting KEEP_SIGNAL_DATA = Setting.flag("keep-signal-data", "false",
            "Keep the WebRTC signal request/response in enriched snapshots.");

    // --- issue 12: the fast lane (status-filtered listings beside the full sweep)
    public static final Setting FAST_LANE = Setting.of("fast-lane", "on|off|auto", "auto",
            "List the --fast-lane-statuses with ListStreamSessionsByAccount every --fast-lane-interval beside the full "
                    + "sweep and publish what changed at once. auto: only while a full sweep takes longer than "
                    + "--fast-lane-auto-threshold.");
    public static final Setting FAST_LANE_INTERVAL = Setting.of("fast-lane-interval", "DURATION", "1s",
            "Time between fast sweep starts.");
    public static final Setting FAST_LANE_BUDGET_SHARE = Setting.of("fast-lane-budget-share", "SHARE", "0.75",
            "The most of this instance's ListStreamSessionsByAccount pace the fast lane uses, more than 0, at most 1.");
    /*
     * The statuses a change of interest leads into: a disconnect, a reconnect, an end, a failed
     * activation, a start. CONNECTED (most of a fleet) and TERMINATED (kept listed for minutes after
     * an end) are what makes a full sweep long, so they stay the sweep's.
     */
    public static final Setting FAST_LANE_STATUSES = Setting.of("fast-lane-statuses", "STATUS,...",
            "PENDING_CLIENT_RECONNECTION,RECONNECTING,TERMINATING,ERROR,ACTIVATING,ACTIVE",
            "The statuses the fast lane lists, one filtered listing each.");
    public static final Setting FAST_LANE_AUTO_THRESHOLD = Setting.of("fast-lane-auto-threshold", "DURATION", "5s",
            "--fast-lane auto runs the fast lane while a full sweep takes longer than this.");

    public static final SettingTable TABLE = SettingTable.of(
            REGION, ENDPOINT_URL,
            STREAM_GROUPS, DISCOVER, DISCOVERY_INTERVAL, STREAM_GROUP_INTERVAL, MODE, POLL_INTERVAL, MIN_POLL_INTERVAL,
            FULL_REFRESH_INTERVAL, PAGE_SIZE, PARALLELISM,
            RATE_LIST_STREAM_SESSIONS, RATE_LIST_STREAM_SESSIONS_BY_ACCOUNT, RATE_GET_STREAM_SESSION,
            RATE_EXPORT_STREAM_SESSION_FILES, RATE_LIST_STREAM_GROUPS, RATE_GET_STREAM_GROUP, RATE_LIMIT_MAX_WAIT,
            API_CALL_TIMEOUT, API_CALL_ATTEMPT_TIMEOUT, MAX_ATTEMPTS, RETRY_MODE, RETRY_BASE_DELAY,
            THROTTLING_BASE_DELAY, RETRY_MAX_BACKOFF, MAX_CONNECTIONS,
            BOOTSTRAP_SERVERS, TOPIC_PREFIX, PARTITIONS, REPLICATION_FACTOR, CREATE_TOPICS,
            KafkaClientSettings.PROPERTIES_FILE, KafkaClientSettings.PROPERTY,
            COORDINATION, GROUP_ID,
            EXPORT_EXECUTOR, EXPORT_GROUP_ID, EXPORT_ALLOWED_PREFIXES, EXECUTED_COMMANDS_CAPACITY,
            HTTP_PORT, HTTP_BIND, POLLER_ID, KEEP_SIGNAL_DATA,
            FAST_LANE, FAST_LANE_INTERVAL, FAST_LANE_BUDGET_SHARE, FAST_LANE_STATUSES, FAST_LANE_AUTO_THRESHOLD);

    /** The rate setting of each operation ({@link ApiOperations} names). */
    public static final Map<String, Setting> RATES = Map.of(
            ApiOperations.LIST_STREAM_SESSIONS, RATE_LIST_STREAM_SESSIONS,
            ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT, RATE_LIST_STREAM_SESSIONS_BY_ACCOUNT,
            ApiOperations.GET_STREAM_SESSION, RATE_GET_STREAM_SESSION,
            ApiOperations.EXPORT_STREAM_SESSION_FILES, RATE_EXPORT_STREAM_SESSION_FILES,
            ApiOperations.LIST_STREAM_GROUPS, RATE_LIST_STREAM_GROUPS,
            ApiOperations.GET_STREAM_GROUP, RATE_GET_STREAM_GROUP);

    private PollerSettings() {}

    /** {@code --rate-list-stream-sessions} for ListStreamSessions. */
    private static Setting rate(String operation, String defaultValue, int serviceLimit) {
        String option = "rate" + operation.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
        return Setting.of(option, "PER_SECOND", defaultValue, operation
                + " requests/s: account-wide budget, shared by all instances (service limit " + serviceLimit + ").");
    }
}
