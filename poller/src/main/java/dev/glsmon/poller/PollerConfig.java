package dev.glsmon.poller;

import static dev.glsmon.poller.config.PollerSettings.*;

import dev.glsmon.common.config.Durations;
import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingsReader;
import dev.glsmon.common.export.OutputUriPolicy;
import dev.glsmon.poller.aws.ApiOperations;
import dev.glsmon.poller.config.PollerSettings;
import dev.glsmon.poller.config.FastLaneMode;
import dev.glsmon.poller.config.FastLaneSettings;
import dev.glsmon.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the poller, immutable and checked when built: read from a map of setting name
 * ({@link PollerSettings}) to text, a bad value failing with an {@link InvalidSettingException}
 * naming the setting. The command line ({@link PollerCommand}) and embedding code (the local stack,
 * tests, benchmarks: {@link #builder()}) build it the same way.
 */
public final class PollerConfig {

    public static final int MAX_PAGE_SIZE = 100;
    /** The shortest interval {@code --poll-interval auto} chooses, by default. */
    public static final Duration DEFAULT_MIN_POLL_INTERVAL = Durations.parse(MIN_POLL_INTERVAL.defaultValue());
    /** How often a cycle publishes every listed session, not only the changed ones, by default. */
    public static final Duration DEFAULT_FULL_REFRESH_INTERVAL = Durations.parse(FULL_REFRESH_INTERVAL.defaultValue());
    /** The default account-wide budget of each session operation (ListStreamSessions and its kin). */
    public static final double DEFAULT_SESSION_RATE = Double.parseDouble(RATE_LIST_STREAM_SESSIONS.defaultValue());
    /** The default account-wide budget of ListStreamGroups, and of GetStreamGroup. */
    public static final double DEFAULT_GROUPS_RATE = Double.parseDouble(RATE_LIST_STREAM_GROUPS.defaultValue());

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
    /** The settings as given, for {@link #toBuilder()}. */
    private final Map<String, String> source;

    private PollerConfig(SettingsReader r) {
        this.region = r.optional(REGION, v -> {
            if (!v.matches("[a-z]{2}(-[a-z0-9]+)+-\\d+")) {
                throw new IllegalArgumentException("'" + v + "' is not an AWS Region name (e.g. us-west-2)");
            }
            return v;
        }).orElse(null);
        this.endpointUrl = r.optional(ENDPOINT_URL, PollerConfig::endpoint).orElse(null);
        this.streamGroups = r.read(STREAM_GROUPS, PollerConfig::streamGroupIds);
        this.discover = r.bool(DISCOVER);
        this.discoveryInterval = r.positiveDuration(DISCOVERY_INTERVAL);
        this.streamGroupInterval = r.positiveDuration(STREAM_GROUP_INTERVAL);
        this.mode = r.choice(MODE, Mode.class);
        this.pollInterval = r.read(POLL_INTERVAL, PollerConfig::fixedPollInterval);
        this.minPollInterval = r.positiveDuration(MIN_POLL_INTERVAL);
        this.pageSize = r.intBetween(PAGE_SIZE, 1, MAX_PAGE_SIZE);
        this.fullRefreshInterval = r.positiveDuration(FULL_REFRESH_INTERVAL);
        this.parallelism = r.intBetween(PARALLELISM, 1, 64);
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String operation : ApiOperations.ALL) {
            rates.put(operation, r.positiveNumber(RATES.get(operation)));
        }
        this.rateLimits = Collections.unmodifiableMap(rates);
        this.rateLimitMaxWait = r.positiveDuration(RATE_LIMIT_MAX_WAIT);
        this.apiCallTimeout = r.positiveDuration(API_CALL_TIMEOUT);
        this.apiCallAttemptTimeout = r.positiveDuration(API_CALL_ATTEMPT_TIMEOUT);
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new InvalidSettingException(API_CALL_ATTEMPT_TIMEOUT.name(),
                    "must not exceed " + API_CALL_TIMEOUT.option() + " (" + Durations.format(apiCallTimeout) + ")");
        }
        this.maxAttempts = r.intBetween(MAX_ATTEMPTS, 1, 20);
        this.retryMode = r.choice(RETRY_MODE, RetryMode.class);
        this.retryBaseDelay = r.positiveDuration(RETRY_BASE_DELAY);
        this.throttlingBaseDelay = r.positiveDuration(THROTTLING_BASE_DELAY);
        this.retryMaxBackoff = r.positiveDuration(RETRY_MAX_BACKOFF);
        this.maxConnections = r.intBetween(MAX_CONNECTIONS, 1, 1000);
        if (!r.given(BOOTSTRAP_SERVERS)) {
            throw new InvalidSettingException(BOOTSTRAP_SERVERS.name(), "is required (host:port of the Kafka brokers)");
        }
        this.bootstrapServers = r.hostPorts(BOOTSTRAP_SERVERS);
        this.topicPrefix = r.read(TOPIC_PREFIX, v -> {
            if (!v.matches("[a-zA-Z0-9._-]*")) {
                throw new IllegalArgumentException("'" + v + "' may only hold letters, digits, '.', '_' and '-'");
            }
            return v;
        });
        this.partitions = r.intAtLeast(PARTITIONS, 1);
        this.replicationFactor = r.raw(REPLICATION_FACTOR).isEmpty() ? null
                : (short) r.intBetween(REPLICATION_FACTOR, 1, Short.MAX_VALUE);
        this.createTopics = r.bool(CREATE_TOPICS);
        this.coordination = r.choice(COORDINATION, Coordination.class);
        this.groupId = r.nonBlank(GROUP_ID);
        this.exportExecutor = r.bool(EXPORT_EXECUTOR);
        this.exportGroupId = r.nonBlank(EXPORT_GROUP_ID);
        this.exportAllowedPrefixes = r.read(EXPORT_ALLOWED_PREFIXES, v -> {
            List<String> prefixes = list(v);
            OutputUriPolicy.of(prefixes);
            return prefixes;
        });
        this.executedCommandsCapacity = r.intAtLeast(EXECUTED_COMMANDS_CAPACITY, 1);
        this.httpPort = r.port(HTTP_PORT);
        this.httpBindAddress = r.nonBlank(HTTP_BIND);
        this.pollerId = r.optional(POLLER_ID, v -> {
            if (!v.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new IllegalArgumentException("'" + v + "' may only hold letters, digits, '.', '_', ':' and '-' (at most 128)");
            }
            return v;
        }).orElseGet(PollerConfig::defaultPollerId);
        this.keepSignalData = r.bool(KEEP_SIGNAL_DATA);
        // FastLaneSettings checks its values once more, naming the setting, for callers that build it themselves
        this.fastLane = new FastLaneSettings(r.choice(FAST_LANE, FastLaneMode.class),
                r.positiveDuration(FAST_LANE_INTERVAL), r.read(FAST_LANE_BUDGET_SHARE, Double::parseDouble),
                r.read(FAST_LANE_STATUSES, PollerConfig::list), r.positiveDuration(FAST_LANE_AUTO_THRESHOLD));
        Map<String, String> kafka = r.passthrough();
        if (kafka.containsKey("")) {
            throw new InvalidSettingException(KAFKA_PREFIX, "a property needs a name (key=value)");
        }
        this.kafkaProperties = kafka;
        this.source = r.source();
        r.rejectUnknown();
        if (mode == Mode.GROUP) {
            if (!discover && streamGroups.isEmpty()) {
                throw new InvalidSettingException(STREAM_GROUPS.name(),
                        "group mode needs the stream groups to poll: give --stream-groups a,b or --discover");
            }
            if (discover && !streamGroups.isEmpty()) {
                throw new InvalidSettingException(DISCOVER.name(), "give either --stream-groups or --discover, not both");
            }
        } else if (discover || !streamGroups.isEmpty()) {
            throw new InvalidSettingException(MODE.name(),
                    "account mode lists every stream group of the account: drop --stream-groups and --discover");
        }
    }

    /**
     * Builds and checks a configuration.
     *
     * @param settings setting name ({@link PollerSettings}) -> text, and {@code kafka.}-prefixed Kafka
     *     client settings; missing settings take their defaults
     * @throws InvalidSettingException naming the first setting that cannot be used
     */
    public static PollerConfig from(Map<String, String> settings) {
        return new PollerConfig(new SettingsReader(settings, KAFKA_PREFIX));
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder starting from these settings (by name, as text), checked when built. */
    public static Builder builder(Map<String, String> settings) {
        return new Builder(settings);
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return new Builder(source);
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

    /**
     * A configuration in code (tests, benchmarks, the local stack): each typed setter writes its
     * setting's text, and {@link #build()} reads them as the command line's are read, so defaults and
     * checks are the table's. Unset settings take their defaults.
     */
    public static final class Builder {
        private final Map<String, String> settings;

        private Builder(Map<String, String> settings) {
            this.settings = new LinkedHashMap<>(settings);
        }

        /** Every operation's default rate (requests/s, account-wide), in {@link ApiOperations#ALL} order. */
        public static Map<String, Double> defaultRateLimits() {
            Map<String, Double> rates = new LinkedHashMap<>();
            for (String operation : ApiOperations.ALL) {
                rates.put(operation, Double.parseDouble(RATES.get(operation).defaultValue()));
            }
            return rates;
        }

        /** Sets a setting by its name as text (null or blank: its default), as the command line does. */
        public Builder set(Setting setting, String value) {
            if (value == null || value.isBlank()) {
                settings.remove(setting.name());
            } else {
                settings.put(setting.name(), value.trim());
            }
            return this;
        }

        private Builder set(Setting setting, Object value) {
            return set(setting, value == null ? null : String.valueOf(value));
        }

        /** ISO-8601 keeps every nanosecond, which {@link Durations} reads back exactly. */
        private Builder set(Setting setting, Duration value) {
            return set(setting, value == null ? null : value.toString());
        }

        private Builder set(Setting setting, Enum<?> value) {
            return set(setting, value == null ? null : value.name().toLowerCase(Locale.ROOT));
        }

        private Builder set(Setting setting, List<String> values) {
            return set(setting, values == null ? null : String.join(",", values));
        }

        public Builder region(String value) {
            return set(REGION, value);
        }

        /** Checked (by {@link #build()}) to be an absolute http(s) URL with a host. */
        public Builder endpointUrl(String value) {
            return set(ENDPOINT_URL, value);
        }

        public Builder streamGroups(List<String> value) {
            return set(STREAM_GROUPS, value);
        }

        public Builder discover(boolean value) {
            return set(DISCOVER, value);
        }

        public Builder discoveryInterval(Duration value) {
            return set(DISCOVERY_INTERVAL, value);
        }

        public Builder streamGroupInterval(Duration value) {
            return set(STREAM_GROUP_INTERVAL, value);
        }

        public Builder mode(Mode value) {
            return set(MODE, value);
        }

        /** A fixed interval; null (default): {@code auto}. */
        public Builder pollInterval(Duration value) {
            return set(POLL_INTERVAL, value);
        }

        /** The shortest interval {@code auto} chooses. */
        public Builder minPollInterval(Duration value) {
            return set(MIN_POLL_INTERVAL, value);
        }

        public Builder pageSize(int value) {
            return set(PAGE_SIZE, value);
        }

        /** How often a cycle publishes every listed session; see {@link PollerConfig#fullRefreshInterval()}. */
        public Builder fullRefreshInterval(Duration value) {
            return set(FULL_REFRESH_INTERVAL, value);
        }

        public Builder parallelism(int value) {
            return set(PARALLELISM, value);
        }

        /** Account-wide requests per second for one operation (an {@link ApiOperations} name). */
        public Builder rateLimit(String operation, double perSecond) {
            Setting rate = RATES.get(operation);
            if (rate == null) {
                throw new IllegalArgumentException("unknown operation " + operation + ", known: " + ApiOperations.ALL);
            }
            return set(rate, perSecond);
        }

        public Builder rateLimitMaxWait(Duration value) {
            return set(RATE_LIMIT_MAX_WAIT, value);
        }

        public Builder apiCallTimeout(Duration value) {
            return set(API_CALL_TIMEOUT, value);
        }

        public Builder apiCallAttemptTimeout(Duration value) {
            return set(API_CALL_ATTEMPT_TIMEOUT, value);
        }

        public Builder maxAttempts(int value) {
            return set(MAX_ATTEMPTS, value);
        }

        public Builder retryMode(RetryMode value) {
            return set(RETRY_MODE, value);
        }

        public Builder retryBaseDelay(Duration value) {
            return set(RETRY_BASE_DELAY, value);
        }

        public Builder throttlingBaseDelay(Duration value) {
            return set(THROTTLING_BASE_DELAY, value);
        }

        public Builder retryMaxBackoff(Duration value) {
            return set(RETRY_MAX_BACKOFF, value);
        }

        public Builder maxConnections(int value) {
            return set(MAX_CONNECTIONS, value);
        }

        public Builder bootstrapServers(String value) {
            return set(BOOTSTRAP_SERVERS, value);
        }

        public Builder topicPrefix(String value) {
            return set(TOPIC_PREFIX, value);
        }

        public Builder partitions(int value) {
            return set(PARTITIONS, value);
        }

        /** Replaces every Kafka client setting. */
        public Builder kafkaProperties(Map<String, String> value) {
            settings.keySet().removeIf(key -> key.startsWith(KAFKA_PREFIX));
            (value == null ? Map.<String, String>of() : value).forEach(this::kafkaProperty);
            return this;
        }

        public Builder kafkaProperty(String key, String value) {
            settings.put(KAFKA_PREFIX + key, value);
            return this;
        }

        public Builder createTopics(boolean value) {
            return set(CREATE_TOPICS, value);
        }

        public Builder replicationFactor(Short value) {
            return set(REPLICATION_FACTOR, value);
        }

        public Builder coordination(Coordination value) {
            return set(COORDINATION, value);
        }

        public Builder groupId(String value) {
            return set(GROUP_ID, value);
        }

        public Builder exportExecutor(boolean value) {
            return set(EXPORT_EXECUTOR, value);
        }

        public Builder exportGroupId(String value) {
            return set(EXPORT_GROUP_ID, value);
        }

        public Builder exportAllowedPrefixes(List<String> value) {
            return set(EXPORT_ALLOWED_PREFIXES, value);
        }

        public Builder executedCommandsCapacity(int value) {
            return set(EXECUTED_COMMANDS_CAPACITY, value);
        }

        public Builder httpPort(int value) {
            return set(HTTP_PORT, value);
        }

        /** The {@code --http-bind} setting. */
        public Builder httpBindAddress(String value) {
            return set(HTTP_BIND, value);
        }

        public Builder pollerId(String value) {
            return set(POLLER_ID, value);
        }

        public Builder keepSignalData(boolean value) {
            return set(KEEP_SIGNAL_DATA, value);
        }

        /** The fast lane's five settings at once. */
        public Builder fastLane(FastLaneSettings value) {
            return set(FAST_LANE, value.mode())
                    .set(FAST_LANE_INTERVAL, value.interval())
                    .set(FAST_LANE_BUDGET_SHARE, value.budgetShare())
                    .set(FAST_LANE_STATUSES, value.statuses())
                    .set(FAST_LANE_AUTO_THRESHOLD, value.autoThreshold());
        }

        /**
         * Checks every setting as the command line does.
         *
         * @throws InvalidSettingException naming the first setting that cannot be used
         */
        public PollerConfig build() {
            return from(settings);
        }
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text + "' must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host (expected e.g. http://127.0.0.1:8443)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' must not carry a query or fragment");
        }
        return uri;
    }

    /** Null for auto. */
    private static Duration fixedPollInterval(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("auto")) {
            return null;
        }
        Duration interval;
        try {
            interval = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither auto nor a duration (" + Durations.FORMS + ")");
        }
        if (interval.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return interval;
    }

    /** Ids, or ARNs made ids (markers and the stream-groups topic are keyed by the id, as snapshots are); no duplicates. */
    private static List<String> streamGroupIds(String text) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (String id : list(text)) {
            if (!id.matches("[A-Za-z0-9:/._-]{1,256}")) {
                throw new IllegalArgumentException("'" + id + "' is not a stream group id or ARN");
            }
            if (id.startsWith("arn:")) {
                int slash = id.lastIndexOf('/');
                if (!id.contains(":streamgroup/") || slash == id.length() - 1) {
                    throw new IllegalArgumentException("'" + id + "' is not a stream group ARN");
                }
                id = id.substring(slash + 1);
            }
            result.add(id);
        }
        return List.copyOf(result);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
