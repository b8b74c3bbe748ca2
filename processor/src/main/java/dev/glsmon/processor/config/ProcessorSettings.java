package dev.glsmon.processor.config;

import dev.glsmon.common.config.KafkaClientSettings;
import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;

/**
 * Every processor setting in one place: name, default and meaning. {@link ProcessorConfig} reads
 * them from a map and the command line offers each as an option with an environment fallback
 * (common's {@code SettingsCommandLine}), so the three never drift apart.
 */
public final class ProcessorSettings {

    /** Map keys with this prefix pass through unchanged to Kafka Streams and its clients. */
    public static final String KAFKA_PREFIX = KafkaClientSettings.PREFIX;

    public static final Setting BOOTSTRAP_SERVERS = new Setting("bootstrap-servers", "HOST:PORT[,HOST:PORT...]",
            "localhost:9092", false, "Kafka bootstrap servers.");
    public static final Setting APPLICATION_ID = new Setting("application-id", "ID", "glsmon-processor", false,
            "Kafka Streams application id: consumer group, transactional ids and internal topic names derive from it.");
    public static final Setting STATE_DIR = new Setting("state-dir", "DIR", ".glsmon/processor-state", false,
            "Directory for the local state stores (RocksDB); kept across restarts, never wiped by the processor. "
                    + "Not under an OS temp directory, which may be cleaned while the processor runs.");
    public static final Setting TOPIC_PREFIX = new Setting("topic-prefix", "PREFIX", "glsmon.", false,
            "Prefix of every glsmon topic.");
    public static final Setting PARTITIONS = new Setting("partitions", "N", "6", false,
            "Partitions of the topics the processor creates when they are missing.");
    public static final Setting REPLICATION_FACTOR = new Setting("replication-factor", "N", "", false,
            "Replication factor of topics created at start, Kafka Streams' internal ones included (min.insync.replicas 2 from 3 copies, else 1); empty: 3, or the number of brokers if fewer.");
    public static final Setting HTTP_BIND = new Setting("http-bind", "ADDRESS", "0.0.0.0", false,
            "Address the HTTP server (/metrics, /healthz, /readyz, query API) listens on; 0.0.0.0 is every interface.");
    public static final Setting HTTP_PORT = new Setting("http-port", "PORT", "9402", false,
            "Port of the HTTP server; 0 picks a free one.");
    public static final Setting ADVERTISED_ADDRESS = new Setting("advertised-address", "HOST:PORT", "", false,
            "How other instances reach this one's HTTP server (Kafka Streams application.server); empty: localhost and the HTTP port.");

    public static final Setting VANISH_CYCLES = new Setting("vanish-cycles", "N", "2", false,
            "A session missing from this many consecutive complete full-refresh poll cycles of its stream group "
                    + "becomes VANISHED (a safety net: the poller reports sessions gone from its listing itself).");
    public static final Setting REASON_WAIT_CYCLES = new Setting("reason-wait-cycles", "N", "1", false,
            "Poll cycles a TERMINATED/ERROR session listed without its StatusReason waits for the reason before its termination is emitted without one.");
    public static final Setting ENDED_RETENTION = new Setting("ended-retention", "DURATION", "24h", false,
            "How long an ended session's state is kept (record time) before it is deleted from the store.");
    public static final Setting CLEANUP_INTERVAL = new Setting("cleanup-interval", "DURATION", "1m", false,
            "How often (stream time) ended sessions past their retention are deleted.");
    public static final Setting WINDOWS = new Setting("windows", "SIZE[:ADVANCE],...", "1m,5m:1m", false,
            "Error-rate windows per location: tumbling SIZE, or hopping SIZE:ADVANCE. The SIZE text names the window.");
    public static final Setting WINDOW_GRACE = new Setting("window-grace", "DURATION", "30s", false,
            "How long a window accepts late terminations after its end before its final result is emitted.");
    public static final Setting ERROR_CATEGORIES = new Setting("error-categories", "CATEGORY,...",
            "APPLICATION_CRASH,CAPACITY,PLATFORM,CLIENT", false,
            "Termination categories that count as errors in the error ratio, which is taken over the terminations "
                    + "of a known category; UNKNOWN (no reason, or VANISHED) is its own share unless listed here.");
    public static final Setting REASON_CATEGORIES = new Setting("reason-categories", "REASON=CATEGORY,...", "", false,
            "Changes to the StatusReason -> category mapping (see README); a reason not mapped is UNKNOWN.");
    public static final Setting MIN_TIMESTAMP = new Setting("min-timestamp", "INSTANT", "2020-01-01T00:00:00Z", false,
            "API timestamps (createdAt, lastUpdatedAt) before this are treated as absent.");
    public static final Setting MAX_FUTURE_SKEW = new Setting("max-future-skew", "DURATION", "7d", false,
            "API timestamps more than this after the snapshot's observedAt are treated as absent.");

    public static final Setting EXPORT_OUTPUT_URI = new Setting("export-output-uri", "S3_URI", "", false,
            "OutputUri of export commands, s3://bucket/prefix/ (may hold {rule} and {location}); required when an export rule is on.");
    public static final Setting EXPORT_ALLOWED_PREFIXES = new Setting("export-allowed-prefixes", "S3_URI,...", "", false,
            "The s3:// prefixes an OutputUri must be under; a command outside is refused and counted, never emitted.");
    public static final Setting EXPORT_CLIENT_DISCONNECT = new Setting("export-client-disconnect", "true|false", "false", true,
            "Rule CLIENT_DISCONNECT: export a session when it enters PENDING_CLIENT_RECONNECTION.");
    public static final Setting EXPORT_ERROR_RATE = new Setting("export-error-rate", "true|false", "false", true,
            "Rule LOCATION_ERROR_RATE: export in-progress sessions of a location whose live error ratio is at or above the threshold.");
    public static final Setting EXPORT_ERROR_RATE_WINDOW = new Setting("export-error-rate-window", "NAME", "", false,
            "Which window's live ratio the rule watches; empty: the first of --windows.");
    public static final Setting EXPORT_ERROR_RATE_THRESHOLD = new Setting("export-error-rate-threshold", "RATIO", "0.5", false,
            "Error ratio (0..1) at or above which the rule fires.");
    public static final Setting EXPORT_ERROR_RATE_MIN_TERMINATIONS = new Setting("export-error-rate-min-terminations", "N", "5", false,
            "The rule needs at least this many terminations in the window that its ratio is taken over (of a known category).");
    public static final Setting EXPORT_ERROR_RATE_CAP = new Setting("export-error-rate-cap", "N", "10", false,
            "At most this many sessions exported by the rule per location per window size (across all partitions).");
    public static final Setting EXPORT_MAX_COMMANDS_PER_MINUTE = new Setting("export-max-commands-per-minute", "N",
            "120", false, "Ceiling on export commands of all rules per minute (record time); the rest are suppressed"
                    + " and counted.");
    public static final Setting EXPORT_SAMPLE_RATE = new Setting("export-sample-rate", "RATIO", "0", false,
            "Rule SAMPLE: export this fraction (0..1) of sessions, chosen by a hash of the ARN; 0 is off.");
    public static final Setting EXPORT_APPLICATIONS = new Setting("export-applications", "ARN,...", "", false,
            "Rule APPLICATION: export every session of these application ARNs; empty is off.");

    public static final SettingTable TABLE = SettingTable.of(
            BOOTSTRAP_SERVERS, APPLICATION_ID, STATE_DIR, TOPIC_PREFIX, PARTITIONS, REPLICATION_FACTOR,
            KafkaClientSettings.PROPERTIES_FILE, KafkaClientSettings.PROPERTY,
            HTTP_BIND, HTTP_PORT, ADVERTISED_ADDRESS,
            VANISH_CYCLES, REASON_WAIT_CYCLES, ENDED_RETENTION, CLEANUP_INTERVAL, WINDOWS, WINDOW_GRACE,
            ERROR_CATEGORIES, REASON_CATEGORIES, MIN_TIMESTAMP, MAX_FUTURE_SKEW,
            EXPORT_OUTPUT_URI, EXPORT_ALLOWED_PREFIXES, EXPORT_CLIENT_DISCONNECT, EXPORT_ERROR_RATE,
            EXPORT_ERROR_RATE_WINDOW, EXPORT_ERROR_RATE_THRESHOLD, EXPORT_ERROR_RATE_MIN_TERMINATIONS,
            EXPORT_ERROR_RATE_CAP, EXPORT_MAX_COMMANDS_PER_MINUTE, EXPORT_SAMPLE_RATE, EXPORT_APPLICATIONS);


    private ProcessorSettings() {}
}
