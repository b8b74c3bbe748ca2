package dev.glsmon.processor.config;

import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.Durations;
import dev.glsmon.common.config.KafkaClientSettings;
import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingsReader;
import static dev.glsmon.processor.config.ProcessorSettings.*;

import dev.glsmon.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The processor's configuration: typed, immutable, checked when built. Built from a map of
 * setting name to text ({@link ProcessorSettings}); keys starting with {@code kafka.} pass through
 * to Kafka. Every problem is reported with the name of the setting.
 */
public final class ProcessorConfig {

    /** The StatusReason -> category mapping of ARCHITECTURE.md; changes come from --reason-categories. */
    public static final Map<String, String> DEFAULT_REASON_CATEGORIES = Map.ofEntries(
            Map.entry("applicationExit", "APPLICATION_CRASH"),
            Map.entry("placementTimeout", "CAPACITY"),
            Map.entry("internalError", "PLATFORM"),
            Map.entry("applicationLogS3DestinationError", "PLATFORM"),
            Map.entry("connectionTimeout", "CLIENT"),
            Map.entry("reconnectionTimeout", "CLIENT"),
            Map.entry("invalidSignalRequest", "CLIENT"),
            Map.entry("apiTerminated", "NORMAL"),
            Map.entry("idleTimeout", "NORMAL"),
            Map.entry("maxSessionLengthTimeout", "NORMAL"));

    private final String bootstrapServers;
    private final String applicationId;
    private final Path stateDir;
    private final Topics topics;
    private final Optional<Short> replicationFactor;
    private final String httpBind;
    private final int httpPort;
    private final Optional<String> advertisedAddress;
    private final int vanishCycles;
    private final int reasonWaitCycles;
    private final Duration endedRetention;
    private final Duration cleanupInterval;
    private final List<WindowSpec> windows;
    private final Duration windowGrace;
    private final Set<String> errorCategories;
    private final Map<String, String> reasonCategories;
    private final Instant minTimestamp;
    private final Duration maxFutureSkew;
    private final ExportSettings export;
    private final Map<String, String> kafkaProperties;
    private final Map<String, String> source;

    private ProcessorConfig(SettingsReader r) {
        bootstrapServers = r.hostPorts(BOOTSTRAP_SERVERS);
        applicationId = r.read(APPLICATION_ID, v -> {
            if (!v.matches("[a-zA-Z0-9._-]+")) {
                throw new IllegalArgumentException("'" + v + "' may only hold letters, digits, '.', '_' and '-'");
            }
            return v;
        });
        stateDir = Path.of(r.nonBlank(STATE_DIR));
        int partitions = r.intAtLeast(PARTITIONS, 1);
        topics = r.read(TOPIC_PREFIX, prefix -> Topics.of(prefix, partitions));
        replicationFactor = r.optional(REPLICATION_FACTOR, v -> {
            short factor = Short.parseShort(v);
            if (factor < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return factor;
        });
        httpBind = r.nonBlank(HTTP_BIND);
        httpPort = r.port(HTTP_PORT);
        advertisedAddress = r.optional(ADVERTISED_ADDRESS, v -> {
            if (!v.matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("'" + v + "' is not HOST:PORT");
            }
            return v;
        });
        vanishCycles = r.intAtLeast(VANISH_CYCLES, 1);
        reasonWaitCycles = r.intAtLeast(REASON_WAIT_CYCLES, 0);
        endedRetention = r.positiveDuration(ENDED_RETENTION);
        cleanupInterval = r.positiveDuration(CLEANUP_INTERVAL);
        windows = r.read(WINDOWS, ProcessorConfig::parseWindows);
        windowGrace = r.duration(WINDOW_GRACE);
        errorCategories = r.read(ERROR_CATEGORIES, v -> Collections.unmodifiableSet(new LinkedHashSet<>(list(v))));
        reasonCategories = r.read(REASON_CATEGORIES, ProcessorConfig::parseReasonCategories);
        minTimestamp = r.instant(MIN_TIMESTAMP);
        maxFutureSkew = r.positiveDuration(MAX_FUTURE_SKEW);
        export = ExportSettings.read(r, windows);
        kafkaProperties = r.passthrough();
        source = r.source();
        r.rejectUnknown();
    }

    /**
     * Builds and checks a configuration.
     *
     * @param settings setting name -> text; missing settings take their defaults
     * @throws InvalidSettingException naming the first setting that cannot be used
     */
    public static ProcessorConfig from(Map<String, String> settings) {
        return new ProcessorConfig(new SettingsReader(settings, KAFKA_PREFIX));
    }

    /** Every setting at its default. */
    public static ProcessorConfig defaults() {
        return from(Map.of());
    }

    /** Settings from GLSMON_* environment variables (the names {@link Setting#envVariable()} gives). */
    public static ProcessorConfig fromEnvironment(Map<String, String> environment) {
        Map<String, String> settings = TABLE.fromEnvironment(environment);
        KafkaClientSettings.expand(settings);
        return from(settings);
    }

    /** A copy with some settings changed (tests, the local stack). */
    public ProcessorConfig with(Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(source);
        merged.putAll(changes);
        return from(merged);
    }

    public ProcessorConfig with(String setting, String value) {
        return with(Map.of(setting, value));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String applicationId() {
        return applicationId;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Topics topics() {
        return topics;
    }

    public Optional<Short> replicationFactor() {
        return replicationFactor;
    }

    public String httpBind() {
        return httpBind;
    }

    public int httpPort() {
        return httpPort;
    }

    public Optional<String> advertisedAddress() {
        return advertisedAddress;
    }

    public int vanishCycles() {
        return vanishCycles;
    }

    public int reasonWaitCycles() {
        return reasonWaitCycles;
    }

    public Duration endedRetention() {
        return endedRetention;
    }

    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    public List<WindowSpec> windows() {
        return windows;
    }

    public Duration windowGrace() {
        return windowGrace;
    }

    public Set<String> errorCategories() {
        return errorCategories;
    }

    /** The full mapping: defaults with the configured changes applied. */
    public Map<String, String> reasonCategories() {
        return reasonCategories;
    }

    public Instant minTimestamp() {
        return minTimestamp;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    public ExportSettings export() {
        return export;
    }

    /** Pass-through Kafka settings (the map's {@code kafka.*} entries, prefix removed). */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** The internal topic the live error ratio per location and window goes to (feeds a global store). */
    public String liveRatesTopic() {
        return applicationId + "-location-live-rates";
    }

    /** Every setting as given, except the values of secret Kafka settings (passwords, JAAS), shown as [hidden]. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(source);
        shown.replaceAll((key, value) -> isSecret(key) ? "[hidden]" : value);
        return "ProcessorConfig" + shown;
    }

    /**
     * A Kafka setting whose value is a secret: Kafka's PASSWORD-typed client settings (ssl.*.password,
     * sasl.jaas.config, ...), and anything else named like one.
     */
    static boolean isSecret(String key) {
        String name = key.startsWith(KAFKA_PREFIX) ? key.substring(KAFKA_PREFIX.length()) : key;
        int dot = name.indexOf('.');
        String unprefixed = dot > 0 && CLIENT_PREFIXES.contains(name.substring(0, dot + 1)) ? name.substring(dot + 1) : name;
        ConfigDef.ConfigKey known = CLIENT_CONFIGS.get(unprefixed);
        if (known != null && known.type == ConfigDef.Type.PASSWORD) {
            return true;
        }
        String lower = unprefixed.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas") || lower.contains("token");
    }

    private static final String KAFKA_PREFIX = "kafka.";
    private static final Set<String> CLIENT_PREFIXES = Set.of("producer.", "consumer.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "admin.");
    private static final Map<String, ConfigDef.ConfigKey> CLIENT_CONFIGS = clientConfigs();

    private static Map<String, ConfigDef.ConfigKey> clientConfigs() {
        Map<String, ConfigDef.ConfigKey> all = new HashMap<>(ProducerConfig.configDef().configKeys());
        all.putAll(ConsumerConfig.configDef().configKeys());
        all.putAll(StreamsConfig.configDef().configKeys());
        return Map.copyOf(all);
    }

    private static List<WindowSpec> parseWindows(String text) {
        List<WindowSpec> specs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String item : list(text)) {
            WindowSpec spec = WindowSpec.parse(item);
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("window " + spec.name() + " is defined twice");
            }
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("at least one window is needed");
        }
        return List.copyOf(specs);
    }

    private static Map<String, String> parseReasonCategories(String text) {
        Map<String, String> mapping = new TreeMap<>(DEFAULT_REASON_CATEGORIES);
        for (String item : list(text)) {
            String[] pair = item.split("=", -1);
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                throw new IllegalArgumentException("'" + item + "' is not REASON=CATEGORY");
            }
            mapping.put(pair[0].trim(), pair[1].trim().toUpperCase(Locale.ROOT));
        }
        return Collections.unmodifiableMap(mapping);
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Reads settings by name, remembering which were used so that unknown names are reported. */
}
