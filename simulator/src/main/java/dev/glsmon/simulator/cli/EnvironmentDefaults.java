package dev.glsmon.simulator.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Environment-variable fallback of every option: {@code --time-scale} reads {@code GLSMON_TIME_SCALE}.
 * The environment is a plain map so tests pass their own. A value given on the command line wins;
 * without either, the option's own default applies.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    static final String PREFIX = "GLSMON_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** {@code --time-scale} becomes {@code GLSMON_TIME_SCALE}. */
    static String variableOf(String optionName) {
        return PREFIX + optionName.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec option && !option.usageHelp() && !option.versionHelp()) {
            String value = environment.get(variableOf(option.longestName()));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
