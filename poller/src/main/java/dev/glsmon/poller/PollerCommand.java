package dev.glsmon.poller;

import dev.glsmon.common.Metrics;
import dev.glsmon.common.OpsHttpServer;
import dev.glsmon.poller.aws.AwsClientFactory;
import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.poller.config.CliConverters;
import dev.glsmon.poller.config.ConfigException;
import dev.glsmon.common.config.Durations;
import dev.glsmon.poller.cycle.FastLaneMode;
import dev.glsmon.poller.cycle.FastLaneSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar glsmon-poller.jar --bootstrap-servers H:P --region R [--endpoint-url URL]
 * (--stream-groups a,b | --discover)}: polls GameLift Streams, publishes to Kafka, executes export
 * commands, serves /metrics, /healthz and /readyz. Every option falls back to GLSMON_ + the option
 * in upper snake case. A bad setting stops start-up with exit code 2 and a message naming it.
 */
@Command(
        name = "glsmon-poller",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Polls Amazon GameLift Streams stream sessions, publishes SessionSnapshot and PollCycle records to Kafka,",
            "and executes export commands (ExportStreamSessionFiles).",
            "Every option falls back to the environment variable GLSMON_<OPTION> (upper snake case),",
            "e.g. --poll-interval <- GLSMON_POLL_INTERVAL. AWS credentials come from the SDK's default chain",
            "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, container or instance role).",
            "Durations: " + Durations.FORMS + "."
        })
public final class PollerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PollerCommand.class);

    @Spec
    CommandSpec spec;

    // --- AWS
    @Option(names = "--region", defaultValue = "${env:GLSMON_REGION}",
            description = "AWS Region to poll, e.g. us-west-2. Default: the SDK's region chain (AWS_REGION, profile).")
    String region;

    @Option(names = "--endpoint-url", defaultValue = "${env:GLSMON_ENDPOINT_URL}",
            description = "http(s) URL of the GameLift Streams API, e.g. the simulator http://127.0.0.1:8443. Default: AWS.")
    String endpointUrl;

    // --- what to poll
    @Option(names = "--stream-groups", split = ",", defaultValue = "${env:GLSMON_STREAM_GROUPS}", paramLabel = "ID",
            description = "Stream group ids to poll (comma-separated). Group mode needs this or --discover.")
    List<String> streamGroups;

    @Option(names = "--discover", defaultValue = "${env:GLSMON_DISCOVER:-false}", fallbackValue = "true", arity = "0..1",
            description = "Find the stream groups with ListStreamGroups, again every --discovery-interval.")
    boolean discover;

    @Option(names = "--discovery-interval", defaultValue = "${env:GLSMON_DISCOVERY_INTERVAL:-5m}",
            converter = CliConverters.DurationConverter.class, description = "Default: ${DEFAULT-VALUE}.")
    Duration discoveryInterval;

    @Option(names = "--stream-group-interval", defaultValue = "${env:GLSMON_STREAM_GROUP_INTERVAL:-30s}",
            converter = CliConverters.DurationConverter.class,
            description = "Time between GetStreamGroup rounds over this instance's stream groups (status and "
                    + "capacity of each location). Default: ${DEFAULT-VALUE}.")
    Duration streamGroupInterval;

    @Option(names = "--mode", defaultValue = "${env:GLSMON_MODE:-group}", converter = CliConverters.ModeConverter.class,
            description = "group: ListStreamSessions per stream group; account: ListStreamSessionsByAccount "
                    + "(one listing, costly per AWS: to poll it less often raise --min-poll-interval). "
                    + "Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--poll-interval", defaultValue = "${env:GLSMON_POLL_INTERVAL:-auto}", paramLabel = "auto|DURATION",
            description = "Time between cycle starts. auto: what a full sweep needs at this instance's share of the "
                    + "listing budget (pages of the last cycle / rate), at least --min-poll-interval; "
                    + "a duration: fixed. Default: ${DEFAULT-VALUE}.")
    String pollInterval;

    @Option(names = "--min-poll-interval", defaultValue = "${env:GLSMON_MIN_POLL_INTERVAL:-1s}",
            converter = CliConverters.DurationConverter.class,
            description = "The shortest interval --poll-interval auto chooses. Default: ${DEFAULT-VALUE}.")
    Duration minPollInterval;

    @Option(names = "--full-refresh-interval", defaultValue = "${env:GLSMON_FULL_REFRESH_INTERVAL:-1h}",
            converter = CliConverters.DurationConverter.class,
            description = "How often a stream group's cycle publishes every listed session; the cycles between publish "
                    + "only the sessions that changed. The first cycle after a start is always a full one. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration fullRefreshInterval;

    @Option(names = "--page-size", defaultValue = "${env:GLSMON_PAGE_SIZE:-100}",
            description = "MaxResults per listing call, 1..100. Default: ${DEFAULT-VALUE}.")
    int pageSize;

    @Option(names = "--parallelism", defaultValue = "${env:GLSMON_PARALLELISM:-4}",
            description = "Stream groups listed at the same time. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    // --- request rates: the account-wide budget (below the service's limits) and the SDK's retries
    @Option(names = "--rate-list-stream-sessions", defaultValue = "${env:GLSMON_RATE_LIST_STREAM_SESSIONS:-16}",
            description = "ListStreamSessions requests/s: account-wide budget, shared by all instances "
                    + "(service limit 20). Default: ${DEFAULT-VALUE}.")
    double rateListStreamSessions;

    @Option(names = "--rate-list-stream-sessions-by-account",
            defaultValue = "${env:GLSMON_RATE_LIST_STREAM_SESSIONS_BY_ACCOUNT:-16}",
            description = "ListStreamSessionsByAccount requests/s: account-wide budget, shared by all instances "
                    + "(service limit 20). Default: ${DEFAULT-VALUE}.")
    double rateListStreamSessionsByAccount;

    @Option(names = "--rate-get-stream-session", defaultValue = "${env:GLSMON_RATE_GET_STREAM_SESSION:-16}",
            description = "GetStreamSession requests/s: account-wide budget, shared by all instances "
                    + "(service limit 20). Default: ${DEFAULT-VALUE}.")
    double rateGetStreamSession;

    @Option(names = "--rate-export-stream-session-files",
            defaultValue = "${env:GLSMON_RATE_EXPORT_STREAM_SESSION_FILES:-16}",
            description = "ExportStreamSessionFiles requests/s: account-wide budget, shared by all instances "
                    + "(service limit 20). Default: ${DEFAULT-VALUE}.")
    double rateExportStreamSessionFiles;

    @Option(names = "--rate-list-stream-groups", defaultValue = "${env:GLSMON_RATE_LIST_STREAM_GROUPS:-8}",
            description = "ListStreamGroups requests/s: account-wide budget, shared by all instances "
                    + "(service limit 10). Default: ${DEFAULT-VALUE}.")
    double rateListStreamGroups;

    @Option(names = "--rate-get-stream-group", defaultValue = "${env:GLSMON_RATE_GET_STREAM_GROUP:-8}",
            description = "GetStreamGroup requests/s: account-wide budget, shared by all instances "
                    + "(service limit 10). Default: ${DEFAULT-VALUE}.")
    double rateGetStreamGroup;

    @Option(names = "--api-call-timeout", defaultValue = "${env:GLSMON_API_CALL_TIMEOUT:-60s}",
            converter = CliConverters.DurationConverter.class,
            description = "Limit for one API call including its retries. Default: ${DEFAULT-VALUE}.")
    Duration apiCallTimeout;

    @Option(names = "--api-call-attempt-timeout", defaultValue = "${env:GLSMON_API_CALL_ATTEMPT_TIMEOUT:-10s}",
            converter = CliConverters.DurationConverter.class,
            description = "Limit for one HTTP attempt. Default: ${DEFAULT-VALUE}.")
    Duration apiCallAttemptTimeout;

    @Option(names = "--max-attempts", defaultValue = "${env:GLSMON_MAX_ATTEMPTS:-8}",
            description = "Attempts per API call (SDK retry strategy; throttling and 5xx are retried). Default: ${DEFAULT-VALUE}.")
    int maxAttempts;

    @Option(names = "--retry-mode", defaultValue = "${env:GLSMON_RETRY_MODE:-standard}",
            converter = CliConverters.RetryModeConverter.class,
            description = "SDK retry strategy: standard or adaptive (adds the SDK's client-side rate limiter). "
                    + "Default: ${DEFAULT-VALUE}.")
    RetryMode retryMode;

    @Option(names = "--retry-base-delay", defaultValue = "${env:GLSMON_RETRY_BASE_DELAY:-100ms}",
            converter = CliConverters.DurationConverter.class,
            description = "Base of the exponential backoff after 5xx and I/O errors. Default: ${DEFAULT-VALUE}.")
    Duration retryBaseDelay;

    @Option(names = "--throttling-base-delay", defaultValue = "${env:GLSMON_THROTTLING_BASE_DELAY:-500ms}",
            converter = CliConverters.DurationConverter.class,
            description = "Base of the exponential backoff after ThrottlingException. Default: ${DEFAULT-VALUE}.")
    Duration throttlingBaseDelay;

    @Option(names = "--retry-max-backoff", defaultValue = "${env:GLSMON_RETRY_MAX_BACKOFF:-20s}",
            converter = CliConverters.DurationConverter.class, description = "Longest backoff. Default: ${DEFAULT-VALUE}.")
    Duration retryMaxBackoff;

    @Option(names = "--max-connections", defaultValue = "${env:GLSMON_MAX_CONNECTIONS:-16}",
            description = "HTTP connections to the API. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    // --- Kafka
    @Option(names = "--bootstrap-servers", defaultValue = "${env:GLSMON_BOOTSTRAP_SERVERS}", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (required).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "${env:GLSMON_TOPIC_PREFIX:-glsmon.}",
            description = "Prefix of every glsmon topic. Default: ${DEFAULT-VALUE}")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "${env:GLSMON_PARTITIONS:-6}",
            description = "Partitions of topics glsmon creates (snapshots and poll-cycles must match). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:GLSMON_REPLICATION_FACTOR}",
            description = "Replication factor of topics glsmon creates (min.insync.replicas 2 from 3 copies, else 1). Default: 3, or the number of brokers if fewer.")
    Short replicationFactor;

    @Option(names = "--create-topics", negatable = true, defaultValue = "${env:GLSMON_CREATE_TOPICS:-true}",
            fallbackValue = "true", description = "Create missing topics at start. Default: ${DEFAULT-VALUE}.")
    boolean createTopics;

    @Option(names = "--kafka-property", defaultValue = "${env:GLSMON_KAFKA_PROPERTY}", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting, passed through unchanged (repeatable). Keys prefixed producer., "
                    + "consumer. or admin. go to that client only. Wins over --kafka-properties-file.")
    Map<String, String> kafkaProperty;

    @Option(names = "--kafka-properties-file", defaultValue = "${env:GLSMON_KAFKA_PROPERTIES_FILE}", paramLabel = "FILE",
            description = "A properties file of Kafka client settings (e.g. security), passed through unchanged.")
    Path kafkaPropertiesFile;

    // --- scale-out
    @Option(names = "--coordination", defaultValue = "${env:GLSMON_COORDINATION:-kafka}",
            converter = CliConverters.CoordinationConverter.class,
            description = "kafka: instances of one --group-id share the stream groups through the compacted "
                    + "stream-groups topic; none: this instance polls every group itself. Default: ${DEFAULT-VALUE}.")
    Coordination coordination;

    @Option(names = "--group-id", defaultValue = "${env:GLSMON_GROUP_ID:-glsmon-poller}",
            description = "Consumer group of the poller instances that share the stream groups. Default: ${DEFAULT-VALUE}.")
    String groupId;

    // --- export executor
    @Option(names = "--export-executor", negatable = true, defaultValue = "${env:GLSMON_EXPORT_EXECUTOR:-true}",
            fallbackValue = "true", description = "Execute export commands. Default: ${DEFAULT-VALUE}.")
    boolean exportExecutor;

    @Option(names = "--export-group-id", defaultValue = "${env:GLSMON_EXPORT_GROUP_ID:-glsmon-poller-export}",
            description = "Consumer group of the export executor. Default: ${DEFAULT-VALUE}.")
    String exportGroupId;

    @Option(names = "--export-allowed-prefixes", split = ",", defaultValue = "${env:GLSMON_EXPORT_ALLOWED_PREFIXES}",
            paramLabel = "S3_PREFIX",
            description = "s3://bucket[/prefix] under which OutputUris may be (comma-separated). Empty: every export is REJECTED.")
    List<String> exportAllowedPrefixes;

    @Option(names = "--executed-commands-capacity", defaultValue = "${env:GLSMON_EXECUTED_COMMANDS_CAPACITY:-200000}",
            description = "Executed export command ids kept in memory to skip replays. Default: ${DEFAULT-VALUE}.")
    int executedCommandsCapacity;

    // --- operating
    @Option(names = "--http-port", defaultValue = "${env:GLSMON_HTTP_PORT:-9401}",
            description = "Port of /metrics, /healthz, /readyz (0: any free port). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--http-bind-address", defaultValue = "${env:GLSMON_HTTP_BIND_ADDRESS:-0.0.0.0}",
            description = "Address the HTTP endpoints listen on: 0.0.0.0 = every interface (for Prometheus and "
                    + "probes from outside), 127.0.0.1 = this host only. Default: ${DEFAULT-VALUE}.")
    String httpBindAddress;

    @Option(names = "--poller-id", defaultValue = "${env:GLSMON_POLLER_ID}",
            description = "Name of this instance in markers, cycle ids and Kafka client ids. Default: host-pid.")
    String pollerId;

    @Option(names = "--keep-signal-data", defaultValue = "${env:GLSMON_KEEP_SIGNAL_DATA:-false}", fallbackValue = "true",
            arity = "0..1", description = "Keep the WebRTC signal request/response in enriched snapshots. Default: ${DEFAULT-VALUE}.")
    boolean keepSignalData;

    // --- issue 12: the fast lane (status-filtered listings beside the full sweep) ---
    @Option(names = "--fast-lane", defaultValue = "${env:GLSMON_FAST_LANE:-auto}", paramLabel = "on|off|auto",
            converter = CliConverters.FastLaneModeConverter.class,
            description = "List the --fast-lane-statuses with ListStreamSessionsByAccount every --fast-lane-interval "
                    + "beside the full sweep and publish what changed at once. auto: only while a full sweep takes "
                    + "longer than --fast-lane-auto-threshold. Default: ${DEFAULT-VALUE}.")
    FastLaneMode fastLaneMode;

    @Option(names = "--fast-lane-interval", defaultValue = "${env:GLSMON_FAST_LANE_INTERVAL:-1s}",
            converter = CliConverters.DurationConverter.class,
            description = "Time between fast sweep starts. Default: ${DEFAULT-VALUE}.")
    Duration fastLaneInterval;

    @Option(names = "--fast-lane-budget-share", defaultValue = "${env:GLSMON_FAST_LANE_BUDGET_SHARE:-0.75}",
            description = "The most of this instance's ListStreamSessionsByAccount pace the fast lane uses, 0..1. "
                    + "Default: ${DEFAULT-VALUE}.")
    double fastLaneBudgetShare;

    @Option(names = "--fast-lane-statuses", split = ",",
            defaultValue = "${env:GLSMON_FAST_LANE_STATUSES:-PENDING_CLIENT_RECONNECTION,RECONNECTING,TERMINATING,ERROR,ACTIVATING,ACTIVE}",
            description = "The statuses the fast lane lists, one filtered listing each. Default: ${DEFAULT-VALUE}.")
    List<String> fastLaneStatuses;

    @Option(names = "--fast-lane-auto-threshold", defaultValue = "${env:GLSMON_FAST_LANE_AUTO_THRESHOLD:-5s}",
            converter = CliConverters.DurationConverter.class,
            description = "--fast-lane auto runs the fast lane while a full sweep takes longer than this. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration fastLaneAutoThreshold;

    private final ToIntFunction<PollerConfig> runner;

    /** The program: runs until SIGTERM or Ctrl-C. */
    public PollerCommand() {
        this(PollerCommand::runUntilStopped);
    }

    /** @param runner what to do with a valid configuration (tests check configurations without starting) */
    public PollerCommand(ToIntFunction<PollerConfig> runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() {
        PollerConfig config;
        try {
            config = toConfig();
            new AwsClientFactory(config, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).region();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " (environment: " + envName(e.setting()) + ")");
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--region: " + e.getMessage());
        }
        return runner.applyAsInt(config);
    }

    /** The configuration these options describe; throws {@link ConfigException} naming a bad option. */
    PollerConfig toConfig() {
        return PollerConfig.builder()
                .region(region)
                .endpointUrl(endpointUrl)
                .streamGroups(streamGroups)
                .discover(discover)
                .discoveryInterval(discoveryInterval)
                .streamGroupInterval(streamGroupInterval)
                .mode(mode)
                .pollInterval(fixedPollInterval())
                .minPollInterval(minPollInterval)
                .pageSize(pageSize)
                .fullRefreshInterval(fullRefreshInterval)
                .parallelism(parallelism)
                .rateLimit(ApiOperations.LIST_STREAM_SESSIONS, rateListStreamSessions)
                .rateLimit(ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT, rateListStreamSessionsByAccount)
                .rateLimit(ApiOperations.GET_STREAM_SESSION, rateGetStreamSession)
                .rateLimit(ApiOperations.EXPORT_STREAM_SESSION_FILES, rateExportStreamSessionFiles)
                .rateLimit(ApiOperations.LIST_STREAM_GROUPS, rateListStreamGroups)
                .rateLimit(ApiOperations.GET_STREAM_GROUP, rateGetStreamGroup)
                .apiCallTimeout(apiCallTimeout)
                .apiCallAttemptTimeout(apiCallAttemptTimeout)
                .maxAttempts(maxAttempts)
                .retryMode(retryMode)
                .retryBaseDelay(retryBaseDelay)
                .throttlingBaseDelay(throttlingBaseDelay)
                .retryMaxBackoff(retryMaxBackoff)
                .maxConnections(maxConnections)
                .bootstrapServers(bootstrapServers)
                .topicPrefix(topicPrefix)
                .partitions(partitions)
                .replicationFactor(replicationFactor)
                .createTopics(createTopics)
                .kafkaProperties(kafkaProperties())
                .coordination(coordination)
                .groupId(groupId)
                .exportExecutor(exportExecutor)
                .exportGroupId(exportGroupId)
                .exportAllowedPrefixes(exportAllowedPrefixes)
                .executedCommandsCapacity(executedCommandsCapacity)
                .httpPort(httpPort)
                .httpBindAddress(httpBindAddress)
                .pollerId(pollerId)
                .keepSignalData(keepSignalData)
                .fastLane(new FastLaneSettings(fastLaneMode, fastLaneInterval, fastLaneBudgetShare, fastLaneStatuses,
                        fastLaneAutoThreshold))
                .build();
    }

    /** Null for auto. */
    private Duration fixedPollInterval() {
        if (pollInterval == null || pollInterval.isBlank() || pollInterval.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Durations.parse(pollInterval);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--poll-interval", "'" + pollInterval.trim() + "' is neither auto nor a duration "
                    + "(e.g. 500ms, 10s, 5m, PT10S)");
        }
    }

    private Map<String, String> kafkaProperties() {
        Map<String, String> merged = new LinkedHashMap<>();
        if (kafkaPropertiesFile != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(kafkaPropertiesFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new ConfigException("--kafka-properties-file", "cannot read " + kafkaPropertiesFile + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(name -> merged.put(name, file.getProperty(name)));
        }
        if (kafkaProperty != null) {
            merged.putAll(kafkaProperty);
        }
        return merged;
    }

    /** {@code --page-size} -> {@code GLSMON_PAGE_SIZE}. */
    static String envName(String option) {
        return "GLSMON_" + option.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Starts the poller and its HTTP endpoints and waits for SIGTERM/Ctrl-C. The named shutdown hook
     * stops the poller (the cycle in flight finishes its page and flushes) and ends the JVM with 0.
     */
    static int runUntilStopped(PollerConfig config) {
        Metrics metrics = Metrics.create("poller");
        PollerApp app;
        try {
            app = PollerApp.builder(config).meterRegistry(metrics.registry()).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.close();
            return 1;
        } catch (RuntimeException e) {
            LOG.error("poller did not start: {}", e.getMessage(), e);
            metrics.close();
            return 1;
        }
        OpsHttpServer http;
        try {
            http = OpsHttpServer.start(config.httpBindAddress(), config.httpPort(), metrics.registry(), app::isLive, app::isReady);
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            app.close();
            metrics.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean exitChosenByMain = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            app.close();
            http.close();
            metrics.close();
            stopped.countDown();
            if (!exitChosenByMain.get()) {
                // a signal stopped us and everything is flushed: a clean stop is exit status 0, not 143
                Runtime.getRuntime().halt(0);
            }
        }, "glsmon-poller-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitChosenByMain.set(true);
        return 0;
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new PollerCommand()).execute(args);
        System.exit(exit);
    }
}
