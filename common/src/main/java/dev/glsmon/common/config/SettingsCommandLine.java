package dev.glsmon.common.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A program's command line made from its {@link SettingTable}: one option per setting, whose value
 * falls back to the setting's environment variable and then to its default; {@code --help} shows
 * both. The environment is passed in (not read here) so that tests can give one. A setting's former
 * names are hidden options and variables that still work, with a warning on the command's stderr.
 */
public final class SettingsCommandLine {

    private SettingsCommandLine() {}

    /** Adds one option per setting of the table to the command. */
    public static void addOptions(CommandLine commandLine, SettingTable table, Map<String, String> environment) {
        CommandSpec spec = commandLine.getCommandSpec();
        for (Setting setting : table.all()) {
            String defaultText = setting.defaultValue().isEmpty() ? "" : " Default: " + setting.defaultValue() + ".";
            String formerText = setting.formerNames().isEmpty() ? ""
                    : " Formerly " + String.join(", ", setting.formerOptions()) + " (deprecated).";
            spec.addOption(option(setting, setting.option())
                    .defaultValue(setting.fromEnvironment(environment))
                    .description(escape(setting.description()) + " Env: " + setting.envVariable() + "."
                            + escape(defaultText + formerText))
                    .build());
            for (String former : setting.formerOptions()) {
                spec.addOption(option(setting, former).hidden(true).build());
            }
            setting.formerVariableUsed(environment).ifPresent(variable -> commandLine.getErr().println(
                    "warning: " + variable + " is deprecated, use " + setting.envVariable()));
        }
    }

    private static OptionSpec.Builder option(Setting setting, String name) {
        OptionSpec.Builder option = OptionSpec.builder(name).paramLabel(setting.paramLabel());
        if (setting.repeatable()) {
            option.type(List.class).auxiliaryTypes(String.class).arity("1");
        } else {
            option.type(String.class);
        }
        if (setting.flag()) {
            option.arity("0..1").fallbackValue("true");
        }
        return option;
    }

    /** The settings given on the command line or in the environment, by name (defaults left out). */
    public static Map<String, String> values(CommandSpec spec, SettingTable table) {
        Map<String, String> settings = new HashMap<>();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Setting setting : table.all()) {
            OptionSpec option = spec.findOption(setting.option());
            if (parsed != null && !parsed.hasMatchedOption(option)) {
                for (String former : setting.formerOptions()) {
                    if (parsed.hasMatchedOption(former)) {
                        spec.commandLine().getErr().println("warning: " + former + " is deprecated, use " + setting.option());
                        option = spec.findOption(former);
                        break;
                    }
                }
            }
            String value = text(option.getValue());
            if (value != null && !value.isBlank()) { // an empty variable is an unset one
                settings.put(setting.name(), value);
            }
        }
        return settings;
    }

    /** A repeated option's values joined with commas, as its variable holds them. */
    private static String text(Object value) {
        if (value instanceof List<?> values) {
            return values.isEmpty() ? null : String.join(",", values.stream().map(String::valueOf).toList());
        }
        return (String) value;
    }

    /**
     * What every program's start-up does with its parsed command line: the settings given (with the
     * Kafka pass-through ones expanded where the table has them), read by the program's reader; a
     * value the reader refuses becomes the usage error that names its option (exit code 2).
     */
    public static <T> T read(CommandSpec spec, SettingTable table, Function<Map<String, String>, T> reader) {
        Map<String, String> settings = values(spec, table);
        try {
            if (table.all().contains(KafkaClientSettings.PROPERTY)) { // the broker's own --kafka-property is not this
                KafkaClientSettings.expand(settings);
            }
            return reader.apply(settings);
        } catch (InvalidSettingException e) {
            throw invalid(spec, table, KafkaClientSettings.blame(e));
        }
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
