package dev.glsmon.processor.config;

import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.SettingsReader;
import dev.glsmon.common.export.OutputUriPolicy;

import static dev.glsmon.processor.config.ProcessorSettings.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The export rules' settings, checked together: a rule that is on needs an OutputUri under the allow-list. */
public record ExportSettings(
        Set<ExportRule> enabledRules,
        Optional<OutputUriTemplate> uris,
        WindowSpec errorRateWindow,
        double errorRateThreshold,
        int errorRateMinTerminations,
        int errorRateCap,
        int maxCommandsPerMinute,
        double sampleRate,
        Set<String> applications) {

    static ExportSettings read(SettingsReader r, List<WindowSpec> windows) {
        Set<ExportRule> enabled = EnumSet.noneOf(ExportRule.class);
        if (r.bool(EXPORT_CLIENT_DISCONNECT)) {
            enabled.add(ExportRule.CLIENT_DISCONNECT);
        }
        if (r.bool(EXPORT_ERROR_RATE)) {
            enabled.add(ExportRule.LOCATION_ERROR_RATE);
        }
        double sampleRate = r.ratio(EXPORT_SAMPLE_RATE);
        if (sampleRate > 0) {
            enabled.add(ExportRule.SAMPLE);
        }
        Set<String> applications = r.read(EXPORT_APPLICATIONS,
                v -> Collections.unmodifiableSet(new LinkedHashSet<>(ProcessorConfig.list(v))));
        if (!applications.isEmpty()) {
            enabled.add(ExportRule.APPLICATION);
        }
        WindowSpec window = r.read(EXPORT_ERROR_RATE_WINDOW, name -> name.isEmpty()
                ? windows.get(0)
                : windows.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("no window named '" + name + "' in --" + WINDOWS.name())));
        double threshold = r.ratio(EXPORT_ERROR_RATE_THRESHOLD);
        int minTerminations = r.intAtLeast(EXPORT_ERROR_RATE_MIN_TERMINATIONS, 1);
        int cap = r.intAtLeast(EXPORT_ERROR_RATE_CAP, 1);
        int perMinute = r.intAtLeast(EXPORT_MAX_COMMANDS_PER_MINUTE, 1);
        List<String> allowed = r.read(EXPORT_ALLOWED_PREFIXES, v -> {
            List<String> prefixes = ProcessorConfig.list(v);
            OutputUriPolicy.of(prefixes); // a malformed prefix is this setting's fault, not the URI's
            return prefixes;
        });
        String template = r.raw(EXPORT_OUTPUT_URI);
        Optional<OutputUriTemplate> uris = Optional.empty();
        if (!template.isEmpty() || !enabled.isEmpty()) {
            if (template.isEmpty()) {
                throw new InvalidSettingException(EXPORT_OUTPUT_URI.name(), "must be set while export rules "
                        + enabled + " are on");
            }
            if (allowed.isEmpty()) {
                throw new InvalidSettingException(EXPORT_ALLOWED_PREFIXES.name(),
                        "must list the s3:// prefixes exports may go to (the OutputUri is " + template + ")");
            }
            uris = Optional.of(r.read(EXPORT_OUTPUT_URI, v -> OutputUriTemplate.of(v, allowed)));
        }
        return new ExportSettings(Collections.unmodifiableSet(enabled), uris, window, threshold, minTerminations, cap,
                perMinute,
                sampleRate, applications);
    }

    public boolean enabled(ExportRule rule) {
        return enabledRules.contains(rule);
    }
}
