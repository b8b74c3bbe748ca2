package dev.glsmon.processor.config;

import java.util.Locale;

/**
 * One processor setting: its name (also the command-line option without "--" and, in upper snake
 * case after {@code GLSMON_}, its environment variable), its default and what it means.
 *
 * @param defaultValue "" when the setting has no default (absent means "not set")
 * @param flag true for on/off settings, which the command line accepts without a value
 */
public record Setting(String name, String paramLabel, String defaultValue, boolean flag, String description) {

    public String option() {
        return "--" + name;
    }

    public String envVariable() {
        return "GLSMON_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
