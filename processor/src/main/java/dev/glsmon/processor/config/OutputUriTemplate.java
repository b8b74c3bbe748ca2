package dev.glsmon.processor.config;

import dev.glsmon.common.export.OutputUriPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OutputUri of export commands: a template in which {@code {rule}} and {@code {location}} are
 * replaced per command. The template must be a prefix ({@code s3://bucket/prefix/}) that the shared
 * {@link OutputUriPolicy} allows; every resolved URI is checked again, because a substituted value
 * (a location from the API) could otherwise lead it elsewhere.
 */
public final class OutputUriTemplate {

    /** What a substituted value may hold: no '/', no whitespace, no '..' tricks, nothing URL-special. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final String template;
    private final OutputUriPolicy policy;

    private OutputUriTemplate(String template, OutputUriPolicy policy) {
        this.template = template;
        this.policy = policy;
    }

    /**
     * @throws IllegalArgumentException when a prefix is not an s3:// URI, the list is empty, or the
     *     template is not a prefix that the policy allows
     */
    public static OutputUriTemplate of(String template, List<String> allowedPrefixes) {
        if (allowedPrefixes.isEmpty()) {
            throw new IllegalArgumentException("no allowed prefix is configured, so no export may be sent");
        }
        OutputUriPolicy policy = OutputUriPolicy.of(allowedPrefixes);
        if (template.replaceAll("\\{(rule|location)}", "").contains("{")) {
            throw new IllegalArgumentException("OutputUri '" + template + "' may only hold {rule} and {location}");
        }
        if (!template.endsWith("/")) {
            // a fixed object name would make every exported session overwrite the same file
            throw new IllegalArgumentException("OutputUri '" + template
                    + "' must end with '/' so that GameLift Streams names each session's file");
        }
        String probe = template.replace("{rule}", "rule").replace("{location}", "location");
        Optional<String> refusal = policy.refusal(probe);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("OutputUri '" + template + "': " + refusal.get() + " "
                    + allowedPrefixes);
        }
        return new OutputUriTemplate(template, policy);
    }

    /** The URI for one command, or empty when it would leave the allow-list (the command is refused). */
    public Optional<String> resolve(ExportRule rule, String location) {
        String uri = template;
        if (uri.contains("{rule}")) {
            uri = uri.replace("{rule}", rule.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (uri.contains("{location}")) {
            if (location == null || !SAFE_SEGMENT.matcher(location).matches()) {
                return Optional.empty();
            }
            uri = uri.replace("{location}", location);
        }
        return policy.allows(uri) ? Optional.of(uri) : Optional.empty();
    }

    public String template() {
        return template;
    }

    public List<String> allowedPrefixes() {
        return policy.allowedPrefixes();
    }
}
