package dev.glsmon.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The two settings by which every program that talks to Kafka passes client settings through
 * unchanged (security above all): a properties file, then single properties, which win. A
 * program puts both in its table and, before reading its configuration, lets {@link #expand} turn
 * them into {@code kafka.}-prefixed entries of its settings map.
 */
public final class KafkaClientSettings {

    /** Settings-map keys with this prefix go to the Kafka clients unchanged. */
    public static final String PREFIX = "kafka.";

    public static final Setting PROPERTY = Setting.repeatable("kafka-property", "KEY=VALUE",
            "A Kafka client setting passed through unchanged (repeatable; the variable holds KEY=VALUE,KEY=VALUE); "
                    + "wins over --kafka-properties-file and over glsmon's own choices.");
    public static final Setting PROPERTIES_FILE = Setting.of("kafka-properties-file", "FILE", "",
            "A properties file of Kafka client settings (e.g. security), applied before --kafka-property.");

    private KafkaClientSettings() {}

    /**
     * Replaces the two settings in the map by the client settings they name, file first.
     *
     * @throws InvalidSettingException naming the setting whose value cannot be used
     */
    public static void expand(Map<String, String> settings) {
        String file = settings.remove(PROPERTIES_FILE.name());
        if (file != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                properties.load(in);
            } catch (IOException | RuntimeException e) {
                throw new InvalidSettingException(PROPERTIES_FILE.name(), "cannot read " + file + " (" + e.getMessage() + ")");
            }
            properties.stringPropertyNames().forEach(name -> settings.put(PREFIX + name, properties.getProperty(name)));
        }
        String given = settings.remove(PROPERTY.name());
        if (given != null) {
            // a comma starts a new property only where a name and '=' follow: values may hold commas
            for (String entry : given.split(",(?=\\s*[A-Za-z0-9_.-]+=)")) {
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw new InvalidSettingException(PROPERTY.name(), "'" + entry.trim() + "' is not KEY=VALUE");
                }
                if (entry.substring(0, equals).isBlank()) {
                    throw new InvalidSettingException(PROPERTY.name(), "a property needs a name: '" + entry.trim() + "'");
                }
                settings.put(PREFIX + entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
        }
    }

    /** A problem of a passed-through Kafka setting is reported against --kafka-property. */
    public static InvalidSettingException blame(InvalidSettingException e) {
        return e.setting().startsWith(PREFIX) ? new InvalidSettingException(PROPERTY.name(), e.problem()) : e;
    }
}
