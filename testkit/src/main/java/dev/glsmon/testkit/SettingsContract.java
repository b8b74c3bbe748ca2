package dev.glsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;
import dev.glsmon.common.config.SettingsCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What every glsmon program's command line promises, checked setting by setting from its table:
 * each setting is taken from its option and from its environment variable into the program's
 * configuration, a bad value of it stops start-up with exit code 2 and a message naming the option
 * (from the option and from the environment), and {@code --help} shows the option with its variable.
 * A program's test lists a good and (where one exists) a bad value for every setting of its table;
 * a setting added to the table without one fails the test.
 */
public final class SettingsContract {

    private record Sample(String good, String bad, Map<String, String> context) {}

    private final SettingTable table;
    private final Function<Map<String, String>, CommandLine> commandLine;
    private final Consumer<CommandLine> configure;
    private final Map<String, Sample> samples = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    /**
     * @param commandLine the program's command line, falling back to the given environment
     * @param configure builds the program's configuration from a parsed command line (as its
     *     start-up does), throwing picocli's ParameterException for a bad value
     */
    public SettingsContract(SettingTable table, Function<Map<String, String>, CommandLine> commandLine,
            Consumer<CommandLine> configure) {
        this.table = table;
        this.commandLine = commandLine;
        this.configure = configure;
    }

    /** A value the setting accepts and one it refuses. */
    public SettingsContract sample(Setting setting, String good, String bad) {
        return sample(setting, good, bad, Map.of());
    }

    /** As {@link #sample(Setting, String, String)}, given other settings the value needs (by name). */
    public SettingsContract sample(Setting setting, String good, String bad, Map<String, String> context) {
        if (samples.put(setting.name(), new Sample(good, bad, context)) != null) {
            throw new IllegalArgumentException(setting.name() + " sampled twice");
        }
        return this;
    }

    /** A setting that accepts any text (a name, a path): only a good value. */
    public SettingsContract anyText(Setting setting, String good) {
        return sample(setting, good, null);
    }

    /** Arguments every run needs besides the settings (a sub-command's positional parameters). */
    public SettingsContract positionals(String... arguments) {
        positionals.addAll(List.of(arguments));
        return this;
    }

    public void verify() {
        assertThat(samples.keySet()).as("every setting of the table has a sample")
                .containsExactlyInAnyOrderElementsOf(table.all().stream().map(Setting::name).toList());
        String help = run(Map.of(), "--help").out();
        for (Setting setting : table.all()) {
            Sample sample = samples.get(setting.name());
            assertThat(help).as("--help").contains(setting.option(), setting.envVariable());
            accepted(setting, sample, false);
            accepted(setting, sample, true);
            for (String former : setting.formerNames()) {
                Setting renamed = new Setting(former, setting.paramLabel(), setting.defaultValue(), setting.flag(),
                        setting.description());
                acceptedUnder(setting, renamed, sample, false);
                acceptedUnder(setting, renamed, sample, true);
            }
            if (sample.bad() != null) {
                refused(setting, sample, false);
                refused(setting, sample, true);
            }
        }
    }

    private void accepted(Setting setting, Sample sample, boolean fromEnvironment) {
        acceptedUnder(setting, setting, sample, fromEnvironment);
    }

    /** The good value given under {@code given}'s option or variable (the setting's own or a former name). */
    private void acceptedUnder(Setting setting, Setting given, Sample sample, boolean fromEnvironment) {
        CommandLine parsed = commandLine.apply(environment(given, sample.good(), fromEnvironment));
        parsed.setErr(new PrintWriter(new StringWriter(), true));
        try {
            parsed.parseArgs(arguments(given, sample, sample.good(), fromEnvironment));
            configure.accept(parsed);
        } catch (ParameterException e) {
            fail(given.option() + (fromEnvironment ? " (from " + given.envVariable() + ")" : "") + " refused '"
                    + sample.good() + "': " + e.getMessage());
        }
        assertThat(SettingsCommandLine.values(parsed.getCommandSpec(), table))
                .as("%s from %s", setting.name(), fromEnvironment ? given.envVariable() : given.option())
                .containsEntry(setting.name(), sample.good());
    }

    private void refused(Setting setting, Sample sample, boolean fromEnvironment) {
        Run run = run(environment(setting, sample.bad(), fromEnvironment),
                arguments(setting, sample, sample.bad(), fromEnvironment));
        String as = setting.option() + "='" + sample.bad() + "'" + (fromEnvironment ? " from " + setting.envVariable() : "");
        assertThat(run.exitCode()).as(as + ": exit code, stderr: " + run.err()).isEqualTo(2);
        assertThat(run.err()).as(as).contains("Invalid value for option '" + setting.option() + "'");
    }

    private Map<String, String> environment(Setting setting, String value, boolean fromEnvironment) {
        return fromEnvironment ? Map.of(setting.envVariable(), value) : Map.of();
    }

    private String[] arguments(Setting setting, Sample sample, String value, boolean fromEnvironment) {
        List<String> args = new ArrayList<>(positionals);
        sample.context().forEach((name, contextValue) -> {
            if (!name.equals(setting.name())) {
                args.add("--" + name + "=" + contextValue);
            }
        });
        if (!fromEnvironment) {
            args.add(setting.option() + "=" + value);
        }
        return args.toArray(String[]::new);
    }

    private record Run(int exitCode, String out, String err) {}

    /** Parses and configures as start-up does, without starting anything; usage errors as picocli reports them. */
    private Run run(Map<String, String> environment, String... args) {
        CommandLine parsed = commandLine.apply(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        parsed.setOut(new PrintWriter(out, true));
        parsed.setErr(new PrintWriter(err, true));
        try {
            parsed.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                parsed.usage(parsed.getOut());
                return new Run(0, out.toString(), err.toString());
            }
            configure.accept(parsed);
            return new Run(0, out.toString(), err.toString());
        } catch (ParameterException e) {
            int exitCode;
            try {
                exitCode = parsed.getParameterExceptionHandler().handleParseException(e, args);
            } catch (Exception handlerFailed) {
                throw new AssertionError(handlerFailed);
            }
            return new Run(exitCode, out.toString(), err.toString());
        }
    }
}
