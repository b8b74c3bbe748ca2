package dev.glsmon.common.config;

import java.util.Locale;

/**
 * One setting of a glsmon program: its name (also the command-line option without "--" and, in
 * upper snake case after {@code GLSMON_}, its environment variable), its default and what it means.
 * Each program declares its settings once, as a {@link SettingTable}; the options, the environment
 * fallback, {@code --help} and the typed configuration all come from that table.
 *
 * @param defaultValue "" when the setting has no default (absent means "not set")
 * @param flag true for on/off settings, which the command line accepts without a value
 */
public record Setting(String name, String paramLabel, String defaultValue, boolean flag, String description) {

    /** The prefix of every glsmon environment variable. */
    public static final String ENV_PREFIX = "GLSMON_";

    public Setting {
        if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a setting's name is lower kebab case, was '" + name + "'");
        }
    }

    /** A setting that takes a value. */
    public static Setting of(String name, String paramLabel, String defaultValue, String description) {
        return new Setting(name, paramLabel, defaultValue, false, description);
    }

    /** An on/off setting: {@code --name} alone means true. */
    public static Setting flag(String name, String defaultValue, String description) {
        return new Setting(name, "true|false", defaultValue, true, description);
    }

    public String option() {
        return "--" + name;
    }

    public String envVariable() {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
