package dev.glsmon.common.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a program's settings from a map of name to text (the command line and environment in
 * production, a plain map in tests), a missing one taking its default. Every problem is reported as
 * an {@link InvalidSettingException} naming the setting; a name the program does not know is refused.
 */
public final class SettingsReader {

    private final Map<String, String> settings;
    private final String passthroughPrefix;
    private final Set<String> used = new LinkedHashSet<>();

    /**
     * @param passthroughPrefix keys with this prefix are not settings but go to a library unchanged
     *     (Kafka's {@code kafka.}); null for none
     */
    public SettingsReader(Map<String, String> settings, String passthroughPrefix) {
        this.settings = new LinkedHashMap<>(settings);
        this.passthroughPrefix = passthroughPrefix;
    }

    public SettingsReader(Map<String, String> settings) {
        this(settings, null);
    }

    /** The setting's text (trimmed), or its default. */
    public String raw(Setting setting) {
        used.add(setting.name());
        String value = settings.get(setting.name());
        return value == null ? setting.defaultValue() : value.trim();
    }

    /** Whether the setting was given (rather than defaulted). */
    public boolean given(Setting setting) {
        return settings.containsKey(setting.name());
    }

    public <T> T read(Setting setting, Function<String, T> parser) {
        String value = raw(setting);
        try {
            return parser.apply(value);
        } catch (InvalidSettingException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e instanceof NumberFormatException ? "'" + value + "' is not a number" : e.getMessage();
            throw new InvalidSettingException(setting.name(), message);
        }
    }

    /** Empty when the setting's text is empty. */
    public <T> Optional<T> optional(Setting setting, Function<String, T> parser) {
        return raw(setting).isEmpty() ? Optional.empty() : Optional.of(read(setting, parser));
    }

    public String text(Setting setting) {
        return raw(setting);
    }

    public String nonBlank(Setting setting) {
        return read(setting, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v;
        });
    }

    /** A comma-separated list of HOST:PORT (Kafka's bootstrap servers), as written. */
    public String hostPorts(Setting setting) {
        return read(setting, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            for (String entry : v.split(",")) {
                if (!entry.trim().matches("[^:\\s]+:\\d{1,5}")) {
                    throw new IllegalArgumentException("'" + entry.trim() + "' is not HOST:PORT");
                }
            }
            return v;
        });
    }

    public int intAtLeast(Setting setting, int min) {
        return read(setting, v -> atLeast(Integer.parseInt(v), min));
    }

    public int intBetween(Setting setting, int min, int max) {
        return read(setting, v -> {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        });
    }

    public long longAtLeast(Setting setting, long min) {
        return read(setting, v -> {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new IllegalArgumentException("must be at least " + min + ", was " + n);
            }
            return n;
        });
    }

    /** A TCP port; 0 picks a free one. */
    public int port(Setting setting) {
        return read(setting, v -> {
            int port = Integer.parseInt(v);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(port + " is not a port (0..65535)");
            }
            return port;
        });
    }

    public double ratio(Setting setting) {
        return read(setting, v -> {
            double d = Double.parseDouble(v);
            if (!(d >= 0.0 && d <= 1.0)) {
                throw new IllegalArgumentException("must be between 0 and 1, was " + v);
            }
            return d;
        });
    }

    public double positiveNumber(Setting setting) {
        return read(setting, v -> {
            double d = Double.parseDouble(v);
            if (!(d > 0.0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("must be a positive number, was " + v);
            }
            return d;
        });
    }

    public boolean bool(Setting setting) {
        return read(setting, SettingsReader::parseBoolean);
    }

    /** A duration in the grammar of {@link Durations}, more than zero. */
    public Duration positiveDuration(Setting setting) {
        return read(setting, v -> {
            Duration d = Durations.parse(v);
            if (d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        });
    }

    /** A duration in the grammar of {@link Durations}, zero allowed. */
    public Duration duration(Setting setting) {
        return read(setting, Durations::parse);
    }

    public Instant instant(Setting setting) {
        return read(setting, v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + v + "' is not an ISO-8601 instant such as 2020-01-01T00:00:00Z");
            }
        });
    }

    /** One of an enum's constants, by name in any case ('-' for '_'). */
    public <E extends Enum<E>> E choice(Setting setting, Class<E> type) {
        return read(setting, v -> {
            String wanted = v.toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + v + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        });
    }

    /** The passthrough keys, without their prefix. */
    public Map<String, String> passthrough() {
        Map<String, String> passed = new TreeMap<>();
        if (passthroughPrefix != null) {
            settings.forEach((key, value) -> {
                if (key.startsWith(passthroughPrefix)) {
                    used.add(key);
                    passed.put(key.substring(passthroughPrefix.length()), value);
                }
            });
        }
        return Collections.unmodifiableMap(passed);
    }

    /** What was read from, for copies with changes. */
    public Map<String, String> source() {
        return Collections.unmodifiableMap(new HashMap<>(settings));
    }

    /** Refuses a key no read asked for: a misspelt setting must not be ignored silently. */
    public void rejectUnknown() {
        for (String key : settings.keySet()) {
            if (!used.contains(key)) {
                throw new InvalidSettingException(key, "unknown setting (known: see --help"
                        + (passthroughPrefix == null ? ")" : "; library settings go under " + passthroughPrefix + ")"));
            }
        }
    }

    static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
        };
    }

    private static int atLeast(int n, int min) {
        if (n < min) {
            throw new IllegalArgumentException("must be at least " + min + ", was " + n);
        }
        return n;
    }
}
