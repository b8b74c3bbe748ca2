package dev.glsmon.common.config;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A program's command line made from its {@link SettingTable}: one option per setting, whose value
 * falls back to the setting's environment variable and then to its default; {@code --help} shows
 * both. The environment is passed in (not read here) so that tests can give one.
 */
public final class SettingsCommandLine {

    private SettingsCommandLine() {}

    /** Adds one option per setting of the table to the command. */
    public static void addOptions(CommandLine commandLine, SettingTable table, Map<String, String> environment) {
        CommandSpec spec = commandLine.getCommandSpec();
        for (Setting setting : table.all()) {
            String fromEnvironment = environment.get(setting.envVariable());
            String defaultText = setting.defaultValue().isEmpty() ? "" : " Default: " + setting.defaultValue() + ".";
            OptionSpec.Builder option = OptionSpec.builder(setting.option())
                    .paramLabel(setting.paramLabel())
                    .type(String.class)
                    .defaultValue(fromEnvironment)
                    .description(escape(setting.description()) + " Env: " + setting.envVariable() + "." + escape(defaultText));
            if (setting.flag()) {
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
        }
    }

    /** The settings given on the command line or in the environment, by name (defaults left out). */
    public static Map<String, String> values(CommandSpec spec, SettingTable table) {
        Map<String, String> settings = new HashMap<>();
        for (Setting setting : table.all()) {
            String value = spec.findOption(setting.option()).getValue();
            if (value != null && !value.isBlank()) { // an empty variable is an unset one
                settings.put(setting.name(), value);
            }
        }
        return settings;
    }

    /** The usage error picocli reports with exit code 2, naming the option and what is wrong. */
    public static ParameterException invalid(CommandSpec spec, SettingTable table, InvalidSettingException e) {
        String option = table.byName(e.setting()).map(Setting::option).orElse(e.setting());
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.problem());
    }

    /** picocli reads ${...} in descriptions as variables; a setting's text is shown as written. */
    private static String escape(String text) {
        return text.replace("${", "$${");
    }
}
