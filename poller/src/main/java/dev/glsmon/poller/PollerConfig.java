package dev.glsmon.poller;

import dev.glsmon.common.export.OutputUriPolicy;
import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.poller.config.ConfigException;
import dev.glsmon.common.config.Durations;
import dev.glsmon.poller.cycle.FastLaneSettings;
import dev.glsmon.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the poller, immutable and checked when built: a bad value fails with a
 * {@link ConfigException} naming the command-line option. The command line ({@link PollerCommand})
 * and embedding code (the local stack, tests, benchmarks) build it the same way.
 */
public final class PollerConfig {

    /** The shortest interval {@code --poll-interval auto} chooses. */
    public static final Duration DEFAULT_MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int MAX_PAGE_SIZE = 100;
    /**
     * How often a cycle publishes every listed session, not only the changed ones. An hour, not the
     * issue's 10 minutes: a consumer that lost state reads the compacted snapshot topic, and the poller
     * settles absences itself (a Get), so the refresh only backs the processor's VANISHED safety net;
     * at 10 minutes it was most of the topic (docs/ARCHITECTURE.md, bench section 8).
     */
    public static final Duration DEFAULT_FULL_REFRESH_INTERVAL = Duration.ofHours(1);
    /**
     * 80% of the service's 20 requests/s per account and Region: the account-wide budget, shared by
     * every poller instance; the rest is headroom for other callers (consoles, scripts, automation).
     */
    public static final double DEFAULT_SESSION_RATE = 16;
    /** 80% of the service's 10 requests/s for ListStreamGroups, and for GetStreamGroup. */
    public static final double DEFAULT_GROUPS_RATE = 8;

    private final String region;
    private final URI endpointUrl;
    private final List<String> streamGroups;
    private final boolean discover;
    private final Duration discoveryInterval;
    /** Issue 18: GetStreamGroup per assigned stream group, this often. */
    private final Duration streamGroupInterval;
    private final Mode mode;
    private final Duration pollInterval;
    private final Duration minPollInterval;
    private final int pageSize;
    private final Duration fullRefreshInterval;
    private final int parallelism;
    private final Map<String, Double> rateLimits;
    private final Duration rateLimitMaxWait;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final int maxAttempts;
    private final RetryMode retryMode;
    private final Duration retryBaseDelay;
    private final Duration throttlingBaseDelay;
    private final Duration retryMaxBackoff;
    private final int maxConnections;
    private final String bootstrapServers;
    private final String topicPrefix;
    private final int partitions;
    private final Map<String, String> kafkaProperties;
    private final boolean createTopics;
    private final Short replicationFactor;
    private final Coordination coordination;
    private final String groupId;
    private final boolean exportExecutor;
    private final String exportGroupId;
    private final List<String> exportAllowedPrefixes;
    private final int executedCommandsCapacity;
    private final int httpPort;
    private final String httpBindAddress;
    private final String pollerId;
    private final boolean keepSignalData;
    /** Issue 12: status-filtered listings beside the full sweep. */
    private final FastLaneSettings fastLane;

    private PollerConfig(Builder b) {
        this.region = b.region;
        this.endpointUrl = b.endpointUrl;
        this.streamGroups = List.copyOf(b.streamGroups);
        this.discover = b.discover;
        this.discoveryInterval = b.discoveryInterval;
        this.streamGroupInterval = b.streamGroupInterval;
        this.mode = b.mode;
        this.pollInterval = b.pollInterval;
        this.minPollInterval = b.minPollInterval;
        this.pageSize = b.pageSize;
        this.fullRefreshInterval = b.fullRefreshInterval;
        this.parallelism = b.parallelism;
        this.rateLimits = Map.copyOf(b.rateLimits);
        this.rateLimitMaxWait = b.rateLimitMaxWait;
        this.apiCallTimeout = b.apiCallTimeout;
        this.apiCallAttemptTimeout = b.apiCallAttemptTimeout;
        this.maxAttempts = b.maxAttempts;
        this.retryMode = b.retryMode;
        this.retryBaseDelay = b.retryBaseDelay;
        this.throttlingBaseDelay = b.throttlingBaseDelay;
        this.retryMaxBackoff = b.retryMaxBackoff;
        this.maxConnections = b.maxConnections;
        this.bootstrapServers = b.bootstrapServers;
        this.topicPrefix = b.topicPrefix;
        this.partitions = b.partitions;
        this.kafkaProperties = Map.copyOf(b.kafkaProperties);
        this.createTopics = b.createTopics;
        this.replicationFactor = b.replicationFactor;
        this.coordination = b.coordination;
        this.groupId = b.groupId;
        this.exportExecutor = b.exportExecutor;
        this.exportGroupId = b.exportGroupId;
        this.exportAllowedPrefixes = List.copyOf(b.exportAllowedPrefixes);
        this.executedCommandsCapacity = b.executedCommandsCapacity;
        this.httpPort = b.httpPort;
        this.httpBindAddress = b.httpBindAddress;
        this.pollerId = b.pollerId != null ? b.pollerId : defaultPollerId();
        this.keepSignalData = b.keepSignalData;
        this.fastLane = b.fastLane;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.endpointUrl = endpointUrl;
        b.streamGroups = new ArrayList<>(streamGroups);
        b.discover = discover;
        b.discoveryInterval = discoveryInterval;
        b.streamGroupInterval = streamGroupInterval;
        b.mode = mode;
        b.pollInterval = pollInterval;
        b.minPollInterval = minPollInterval;
        b.pageSize = pageSize;
        b.fullRefreshInterval = fullRefreshInterval;
        b.parallelism = parallelism;
        b.rateLimits = new LinkedHashMap<>(rateLimits);
        b.rateLimitMaxWait = rateLimitMaxWait;
        b.apiCallTimeout = apiCallTimeout;
        b.apiCallAttemptTimeout = apiCallAttemptTimeout;
        b.maxAttempts = maxAttempts;
        b.retryMode = retryMode;
        b.retryBaseDelay = retryBaseDelay;
        b.throttlingBaseDelay = throttlingBaseDelay;
        b.retryMaxBackoff = retryMaxBackoff;
        b.maxConnections = maxConnections;
        b.bootstrapServers = bootstrapServers;
        b.topicPrefix = topicPrefix;
        b.partitions = partitions;
        b.kafkaProperties = new LinkedHashMap<>(kafkaProperties);
        b.createTopics = createTopics;
        b.replicationFactor = replicationFactor;
        b.coordination = coordination;
        b.groupId = groupId;
        b.exportExecutor = exportExecutor;
        b.exportGroupId = exportGroupId;
        b.exportAllowedPrefixes = new ArrayList<>(exportAllowedPrefixes);
        b.executedCommandsCapacity = executedCommandsCapacity;
        b.httpPort = httpPort;
        b.httpBindAddress = httpBindAddress;
        b.pollerId = pollerId;
        b.keepSignalData = keepSignalData;
        b.fastLane = fastLane;
        return b;
    }

    /** Empty: the SDK's default region provider chain decides (AWS_REGION, profile, instance metadata). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Empty: the SDK resolves the real service endpoint. */
    public Optional<URI> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    public List<String> streamGroups() {
        return streamGroups;
    }

    public boolean discover() {
        return discover;
    }

    public Duration discoveryInterval() {
        return discoveryInterval;
    }

    /** Time between GetStreamGroup rounds over this instance's stream groups. */
    public Duration streamGroupInterval() {
        return streamGroupInterval;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * A fixed time between cycle starts; empty: {@code auto}, the time a full sweep needs within
     * this instance's share of the listing budget (see {@code AutoPollInterval}).
     */
    public Optional<Duration> pollInterval() {
        return Optional.ofNullable(pollInterval);
    }

    /** The shortest interval {@code auto} chooses. */
    public Duration minPollInterval() {
        return minPollInterval;
    }

    public int pageSize() {
        return pageSize;
    }

    /**
     * How often a stream group's cycle publishes every listed session; the cycles between publish
     * the changed ones only. The first cycle of a group after a start is always a full refresh.
     */
    public Duration fullRefreshInterval() {
        return fullRefreshInterval;
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * Requests per second per operation name (see {@link ApiOperations}): the budget of the whole
     * account, which every instance shares (see {@code RateLimits}).
     */
    public Map<String, Double> rateLimits() {
        return rateLimits;
    }

    public Duration rateLimitMaxWait() {
        return rateLimitMaxWait;
    }

    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    public Duration apiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public RetryMode retryMode() {
        return retryMode;
    }

    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    public Duration throttlingBaseDelay() {
        return throttlingBaseDelay;
    }

    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public int partitions() {
        return partitions;
    }

    /** The topic contract under this configuration's prefix and partition count. */
    public Topics topics() {
        return Topics.of(topicPrefix, partitions);
    }

    /** Kafka client settings, passed through unchanged (see {@code KafkaSettings} for prefixes). */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    public boolean createTopics() {
        return createTopics;
    }

    /** Empty: 3, or the number of brokers if fewer (TopicInitializer). */
    public Optional<Short> replicationFactor() {
        return Optional.ofNullable(replicationFactor);
    }

    public Coordination coordination() {
        return coordination;
    }

    public String groupId() {
        return groupId;
    }

    public boolean exportExecutor() {
        return exportExecutor;
    }

    public String exportGroupId() {
        return exportGroupId;
    }

    public List<String> exportAllowedPrefixes() {
        return exportAllowedPrefixes;
    }

    public int executedCommandsCapacity() {
        return executedCommandsCapacity;
    }

    public int httpPort() {
        return httpPort;
    }

    public String httpBindAddress() {
        return httpBindAddress;
    }

    public String pollerId() {
        return pollerId;
    }

    public boolean keepSignalData() {
        return keepSignalData;
    }

    /** The fast lane (status-filtered listings beside the full sweep) and when it runs. */
    public FastLaneSettings fastLane() {
        return fastLane;
    }

    /** One line for the start-up log: no secrets (Kafka property values are left out). */
    @Override
    public String toString() {
        return "mode=" + mode.cliName()
                + " region=" + (region == null ? "(default chain)" : region)
                + " endpoint=" + (endpointUrl == null ? "(AWS)" : endpointUrl)
                + " streamGroups=" + (discover ? "(discover every " + Durations.format(discoveryInterval) + ")" : streamGroups)
                + " streamGroupInterval=" + Durations.format(streamGroupInterval)
                + " pollInterval=" + (pollInterval == null ? "auto(min " + Durations.format(minPollInterval) + ")"
                        : Durations.format(pollInterval))
                + " pageSize=" + pageSize
                + " fullRefreshInterval=" + Durations.format(fullRefreshInterval)
                + " parallelism=" + parallelism
                + " rateLimits=" + rateLimits
                + " retry=" + retryMode.cliName() + "/" + maxAttempts
                + " coordination=" + coordination.cliName() + (coordination == Coordination.KAFKA ? "(" + groupId + ")" : "")
                + " topics=" + topicPrefix + "*/" + partitions
                + " kafkaProperties=" + kafkaProperties.keySet()
                + " export=" + (exportExecutor ? exportGroupId + " allow=" + exportAllowedPrefixes : "off")
                + " pollerId=" + pollerId
                + " fastLane=" + fastLane;
    }

    private static String defaultPollerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "poller";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    public static final class Builder {
        private String region;
        private URI endpointUrl;
        private List<String> streamGroups = new ArrayList<>();
        private boolean discover;
        private Duration discoveryInterval = Duration.ofMinutes(5);
        private Duration streamGroupInterval = Duration.ofSeconds(30);
        private Mode mode = Mode.GROUP;
        private Duration pollInterval;
        private Duration minPollInterval = DEFAULT_MIN_POLL_INTERVAL;
        private int pageSize = MAX_PAGE_SIZE;
        private Duration fullRefreshInterval = DEFAULT_FULL_REFRESH_INTERVAL;
        private int parallelism = 4;
        private Map<String, Double> rateLimits = defaultRateLimits();
        private Duration rateLimitMaxWait = Duration.ofMinutes(2);
        private Duration apiCallTimeout = Duration.ofSeconds(60);
        private Duration apiCallAttemptTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 8;
        private RetryMode retryMode = RetryMode.STANDARD;
        private Duration retryBaseDelay = Duration.ofMillis(100);
        private Duration throttlingBaseDelay = Duration.ofMillis(500);
        private Duration retryMaxBackoff = Duration.ofSeconds(20);
        private int maxConnections = 16;
        private String bootstrapServers;
        private String topicPrefix = Topics.DEFAULT_PREFIX;
        private int partitions = Topics.DEFAULT_PARTITIONS;
        private Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private boolean createTopics = true;
        private Short replicationFactor;
        private Coordination coordination = Coordination.KAFKA;
        private String groupId = "glsmon-poller";
        private boolean exportExecutor = true;
        private String exportGroupId = "glsmon-poller-export";
        private List<String> exportAllowedPrefixes = new ArrayList<>();
        private int executedCommandsCapacity = 200_000;
        private int httpPort = 9401;
        private String httpBindAddress = "0.0.0.0";
        private String pollerId;
        private boolean keepSignalData;
        private FastLaneSettings fastLane = FastLaneSettings.defaults();

        private Builder() {}

        public static Map<String, Double> defaultRateLimits() {
            Map<String, Double> rates = new LinkedHashMap<>();
            rates.put(ApiOperations.LIST_STREAM_SESSIONS, DEFAULT_SESSION_RATE);
            rates.put(ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT, DEFAULT_SESSION_RATE);
            rates.put(ApiOperations.GET_STREAM_SESSION, DEFAULT_SESSION_RATE);
            rates.put(ApiOperations.EXPORT_STREAM_SESSION_FILES, DEFAULT_SESSION_RATE);
            rates.put(ApiOperations.LIST_STREAM_GROUPS, DEFAULT_GROUPS_RATE);
            rates.put(ApiOperations.GET_STREAM_GROUP, DEFAULT_GROUPS_RATE);
            return rates;
        }

        public Builder region(String value) {
            this.region = blankToNull(value);
            return this;
        }

        /** Checked to be an absolute http(s) URL with a host. */
        public Builder endpointUrl(String value) {
            String text = blankToNull(value);
            if (text == null) {
                this.endpointUrl = null;
                return this;
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new ConfigException("--endpoint-url", "'" + text + "' is not a URL (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigException("--endpoint-url", "'" + text + "' must be an http:// or https:// URL");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new ConfigException("--endpoint-url", "'" + text + "' has no host (expected e.g. http://127.0.0.1:8443)");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigException("--endpoint-url", "'" + text + "' must not carry a query or fragment");
            }
            this.endpointUrl = uri;
            return this;
        }

        public Builder streamGroups(List<String> value) {
            this.streamGroups = new ArrayList<>(value == null ? List.of() : value);
            return this;
        }

        public Builder discover(boolean value) {
            this.discover = value;
            return this;
        }

        public Builder discoveryInterval(Duration value) {
            this.discoveryInterval = value;
            return this;
        }

        public Builder streamGroupInterval(Duration value) {
            this.streamGroupInterval = value;
            return this;
        }

        public Builder mode(Mode value) {
            this.mode = value;
            return this;
        }

        /** A fixed interval; null (default): {@code auto}. */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /** The shortest interval {@code auto} chooses (default 1 s). */
        public Builder minPollInterval(Duration value) {
            this.minPollInterval = value;
            return this;
        }

        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /** How often a cycle publishes every listed session (default 1 h); see {@link PollerConfig#fullRefreshInterval()}. */
        public Builder fullRefreshInterval(Duration value) {
            this.fullRefreshInterval = value;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        /** Account-wide requests per second for one operation (an {@link ApiOperations} name). */
        public Builder rateLimit(String operation, double perSecond) {
            this.rateLimits.put(operation, perSecond);
            return this;
        }

        public Builder rateLimitMaxWait(Duration value) {
            this.rateLimitMaxWait = value;
            return this;
        }

        public Builder apiCallTimeout(Duration value) {
            this.apiCallTimeout = value;
            return this;
        }

        public Builder apiCallAttemptTimeout(Duration value) {
            this.apiCallAttemptTimeout = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder retryMode(RetryMode value) {
            this.retryMode = value;
            return this;
        }

        public Builder retryBaseDelay(Duration value) {
            this.retryBaseDelay = value;
            return this;
        }

        public Builder throttlingBaseDelay(Duration value) {
            this.throttlingBaseDelay = value;
            return this;
        }

        public Builder retryMaxBackoff(Duration value) {
            this.retryMaxBackoff = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder bootstrapServers(String value) {
            this.bootstrapServers = blankToNull(value);
            return this;
        }

        public Builder topicPrefix(String value) {
            this.topicPrefix = value;
            return this;
        }

        public Builder partitions(int value) {
            this.partitions = value;
            return this;
        }

        public Builder kafkaProperties(Map<String, String> value) {
            this.kafkaProperties = new LinkedHashMap<>(value == null ? Map.of() : value);
            return this;
        }

        public Builder kafkaProperty(String key, String value) {
            this.kafkaProperties.put(key, value);
            return this;
        }

        public Builder createTopics(boolean value) {
            this.createTopics = value;
            return this;
        }

        public Builder replicationFactor(Short value) {
            this.replicationFactor = value;
            return this;
        }

        public Builder coordination(Coordination value) {
            this.coordination = value;
            return this;
        }

        public Builder groupId(String value) {
            this.groupId = value;
            return this;
        }

        public Builder exportExecutor(boolean value) {
            this.exportExecutor = value;
            return this;
        }

        public Builder exportGroupId(String value) {
            this.exportGroupId = value;
            return this;
        }

        public Builder exportAllowedPrefixes(List<String> value) {
            this.exportAllowedPrefixes = new ArrayList<>(value == null ? List.of() : value);
            return this;
        }

        public Builder executedCommandsCapacity(int value) {
            this.executedCommandsCapacity = value;
            return this;
        }

        public Builder httpPort(int value) {
            this.httpPort = value;
            return this;
        }

        public Builder httpBindAddress(String value) {
            this.httpBindAddress = value;
            return this;
        }

        public Builder pollerId(String value) {
            this.pollerId = blankToNull(value);
            return this;
        }

        public Builder keepSignalData(boolean value) {
            this.keepSignalData = value;
            return this;
        }

        /** Default {@link FastLaneSettings#defaults()}: auto, every 1 s, 0.75 of the by-account pace. */
        public Builder fastLane(FastLaneSettings value) {
            this.fastLane = value;
            return this;
        }

        /** Checks every setting; the first bad one fails with its option's name. */
        public PollerConfig build() {
            require(mode != null, "--mode", "must be group or account");
            streamGroups = normalizeGroups(streamGroups);
            if (mode == Mode.GROUP) {
                require(discover || !streamGroups.isEmpty(), "--stream-groups",
                        "group mode needs the stream groups to poll: give --stream-groups a,b or --discover");
                require(!(discover && !streamGroups.isEmpty()), "--discover",
                        "give either --stream-groups or --discover, not both");
            } else {
                require(!discover && streamGroups.isEmpty(), "--mode",
                        "account mode lists every stream group of the account: drop --stream-groups and --discover");
            }
            if (region != null) {
                require(region.matches("[a-z]{2}(-[a-z0-9]+)+-\\d+"), "--region",
                        "'" + region + "' is not an AWS Region name (e.g. us-west-2)");
            }
            positive(discoveryInterval, "--discovery-interval");
            positive(streamGroupInterval, "--stream-group-interval");
            if (pollInterval != null) {
                positive(pollInterval, "--poll-interval");
            }
            positive(minPollInterval, "--min-poll-interval");
            require(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE, "--page-size",
                    "must be 1.." + MAX_PAGE_SIZE + " (the API's MaxResults range), was " + pageSize);
            positive(fullRefreshInterval, "--full-refresh-interval");
            require(parallelism >= 1 && parallelism <= 64, "--parallelism", "must be 1..64, was " + parallelism);
            for (Map.Entry<String, Double> rate : rateLimits.entrySet()) {
                require(ApiOperations.ALL.contains(rate.getKey()), "--rate-limit", "unknown operation " + rate.getKey());
                Double value = rate.getValue();
                require(value != null && value > 0 && !value.isInfinite(), rateOption(rate.getKey()),
                        "must be a positive number of requests per second, was " + value);
            }
            positive(rateLimitMaxWait, "--rate-limit-max-wait");
            positive(apiCallTimeout, "--api-call-timeout");
            positive(apiCallAttemptTimeout, "--api-call-attempt-timeout");
            require(apiCallAttemptTimeout.compareTo(apiCallTimeout) <= 0, "--api-call-attempt-timeout",
                    "must not exceed --api-call-timeout (" + Durations.format(apiCallTimeout) + ")");
            require(maxAttempts >= 1 && maxAttempts <= 20, "--max-attempts", "must be 1..20, was " + maxAttempts);
            require(retryMode != null, "--retry-mode", "must be standard or adaptive");
            positive(retryBaseDelay, "--retry-base-delay");
            positive(throttlingBaseDelay, "--throttling-base-delay");
            positive(retryMaxBackoff, "--retry-max-backoff");
            require(maxConnections >= 1 && maxConnections <= 1000, "--max-connections", "must be 1..1000, was " + maxConnections);
            require(bootstrapServers != null, "--bootstrap-servers", "is required (host:port of the Kafka brokers)");
            require(topicPrefix != null && topicPrefix.matches("[a-zA-Z0-9._-]*"), "--topic-prefix",
                    "'" + topicPrefix + "' may only hold letters, digits, '.', '_' and '-'");
            require(partitions >= 1, "--partitions", "must be >= 1, was " + partitions);
            for (String key : kafkaProperties.keySet()) {
                require(key != null && !key.isBlank(), "--kafka-property", "a property needs a name (key=value)");
            }
            require(replicationFactor == null || replicationFactor >= 1, "--replication-factor",
                    "must be >= 1, was " + replicationFactor);
            require(coordination != null, "--coordination", "must be kafka or none");
            require(groupId != null && !groupId.isBlank(), "--group-id", "must not be empty");
            require(exportGroupId != null && !exportGroupId.isBlank(), "--export-group-id", "must not be empty");
            exportAllowedPrefixes = normalizeAllowList(exportAllowedPrefixes);
            require(executedCommandsCapacity >= 1, "--executed-commands-capacity",
                    "must be >= 1, was " + executedCommandsCapacity);
            require(httpPort >= 0 && httpPort <= 65535, "--http-port", "must be 0..65535, was " + httpPort);
            require(httpBindAddress != null && !httpBindAddress.isBlank(), "--http-bind-address", "must not be empty");
            require(pollerId == null || pollerId.matches("[A-Za-z0-9._:-]{1,128}"), "--poller-id",
                    "'" + pollerId + "' may only hold letters, digits, '.', '_', ':' and '-' (at most 128)");
            require(fastLane != null, "--fast-lane", "must be on, off or auto");
            return new PollerConfig(this);
        }

        private static String rateOption(String operation) {
            switch (operation) {
                case ApiOperations.LIST_STREAM_SESSIONS:
                    return "--rate-list-stream-sessions";
                case ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT:
                    return "--rate-list-stream-sessions-by-account";
                case ApiOperations.GET_STREAM_SESSION:
                    return "--rate-get-stream-session";
                case ApiOperations.EXPORT_STREAM_SESSION_FILES:
                    return "--rate-export-stream-session-files";
                case ApiOperations.GET_STREAM_GROUP:
                    return "--rate-get-stream-group";
                default:
                    return "--rate-list-stream-groups";
            }
        }

        private static List<String> normalizeGroups(List<String> groups) {
            LinkedHashSet<String> result = new LinkedHashSet<>();
            for (String group : groups) {
                String id = group == null ? "" : group.trim();
                if (id.isEmpty()) {
                    continue;
                }
                require(id.matches("[A-Za-z0-9:/._-]{1,256}"), "--stream-groups", "'" + id + "' is not a stream group id or ARN");
                if (id.startsWith("arn:")) {
                    // markers and the stream-groups topic are keyed by the id, as snapshots are
                    int slash = id.lastIndexOf('/');
                    require(id.contains(":streamgroup/") && slash < id.length() - 1, "--stream-groups",
                            "'" + id + "' is not a stream group ARN");
                    id = id.substring(slash + 1);
                }
                result.add(id);
            }
            return new ArrayList<>(result);
        }

        private static List<String> normalizeAllowList(List<String> prefixes) {
            List<String> result = new ArrayList<>();
            for (String prefix : prefixes) {
                String value = prefix == null ? "" : prefix.trim();
                if (!value.isEmpty()) {
                    result.add(value);
                }
            }
            try {
                OutputUriPolicy.of(result);
            } catch (IllegalArgumentException e) {
                require(false, OutputUriPolicy.SETTING, e.getMessage());
            }
            return result;
        }

        private static void positive(Duration value, String setting) {
            require(value != null && !value.isNegative() && !value.isZero(), setting,
                    "must be > 0, was " + (value == null ? "nothing" : Durations.format(value)));
        }

        private static void require(boolean ok, String setting, String problem) {
            if (!ok) {
                throw new ConfigException(setting, problem);
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
