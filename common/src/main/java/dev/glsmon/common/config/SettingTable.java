package dev.glsmon.common.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** A program's settings, in the order of its {@code --help}; names are unique. */
public final class SettingTable {

    private final List<Setting> all;
    private final Map<String, Setting> byName = new HashMap<>();

    private SettingTable(List<Setting> all) {
        this.all = List.copyOf(all);
        Set<String> names = new HashSet<>();
        for (Setting setting : all) {
            byName.put(setting.name(), setting);
            for (String name : Stream.concat(Stream.of(setting.name()), setting.formerNames().stream()).toList()) {
                if (!names.add(name)) {
                    throw new IllegalArgumentException("setting '" + name + "' is declared twice");
                }
            }
        }
    }

    public static SettingTable of(Setting... settings) {
        return new SettingTable(List.of(settings));
    }

    public static SettingTable of(List<Setting> settings) {
        return new SettingTable(settings);
    }

    public List<Setting> all() {
        return all;
    }

    public Optional<Setting> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The settings the environment gives (by their {@link Setting#envVariable()} or a former one), by name. */
    public Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>();
        for (Setting setting : all) {
            String value = setting.fromEnvironment(environment);
            if (value != null) {
                settings.put(setting.name(), value);
            }
        }
        return settings;
    }
}
