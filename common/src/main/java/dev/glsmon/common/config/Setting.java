package dev.glsmon.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One setting of a glsmon program: its name (also the command-line option without "--" and, in
 * upper snake case after {@code GLSMON_}, its environment variable), its default and what it means.
 * Each program declares its settings once, as a {@link SettingTable}; the options, the environment
 * fallback, {@code --help} and the typed configuration all come from that table.
 *
 * @param defaultValue "" when the setting has no default (absent means "not set")
 * @param flag true for on/off settings, which the command line accepts without a value
 * @param repeatable true when the option may be given several times; its values are joined with ","
 * @param formerNames names the setting had before a rename, still read (option and variable) with a
 *     deprecation warning, so that files written for the old name keep working
 */
public record Setting(String name, String paramLabel, String defaultValue, boolean flag, String description,
        boolean repeatable, List<String> formerNames) {

    /** The prefix of every glsmon environment variable. */
    public static final String ENV_PREFIX = "GLSMON_";

    public Setting {
        for (String each : concat(name, formerNames)) {
            if (!each.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("a setting's name is lower kebab case, was '" + each + "'");
            }
        }
        formerNames = List.copyOf(formerNames);
    }

    public Setting(String name, String paramLabel, String defaultValue, boolean flag, String description) {
        this(name, paramLabel, defaultValue, flag, description, false, List.of());
    }

    /** A setting that takes a value. */
    public static Setting of(String name, String paramLabel, String defaultValue, String description) {
        return new Setting(name, paramLabel, defaultValue, false, description);
    }

    /** An on/off setting: {@code --name} alone means true. */
    public static Setting flag(String name, String defaultValue, String description) {
        return new Setting(name, "true|false", defaultValue, true, description);
    }

    /** A setting whose option may be repeated; the variable holds the values comma-separated. */
    public static Setting repeatable(String name, String paramLabel, String description) {
        return new Setting(name, paramLabel, "", false, description, true, List.of());
    }

    /** This setting, also read under the names it had before (deprecated). */
    public Setting formerly(String... names) {
        return new Setting(name, paramLabel, defaultValue, flag, description, repeatable, Arrays.asList(names));
    }

    public String option() {
        return "--" + name;
    }

    public String envVariable() {
        return envVariable(name);
    }

    public List<String> formerOptions() {
        return formerNames.stream().map(former -> "--" + former).toList();
    }

    public List<String> formerEnvVariables() {
        return formerNames.stream().map(Setting::envVariable).toList();
    }

    /** The setting's text in an environment: its variable, else the first former one set (null: none). */
    public String fromEnvironment(Map<String, String> environment) {
        for (String variable : concat(envVariable(), formerEnvVariables())) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return environment.get(envVariable());
    }

    /** The former variable the environment gives this setting by, when its own is not set (a deprecation to report). */
    public Optional<String> formerVariableUsed(Map<String, String> environment) {
        String own = environment.get(envVariable());
        if (own != null && !own.isBlank()) {
            return Optional.empty();
        }
        return formerEnvVariables().stream().filter(v -> environment.get(v) != null && !environment.get(v).isBlank())
                .findFirst();
    }

    private static String envVariable(String name) {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
