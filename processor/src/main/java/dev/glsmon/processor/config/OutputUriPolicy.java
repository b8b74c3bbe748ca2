package dev.glsmon.processor.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where exports may go. The configured OutputUri is a template ({@code {rule}} and
 * {@code {location}} are replaced per command) that must be an {@code s3://bucket/prefix/} URI whose
 * fixed part lies under one of the allowed prefixes; every resolved URI is checked again, because a
 * substituted value (a location from the API) could otherwise lead it elsewhere.
 */
public final class OutputUriPolicy {

    private static final Pattern S3_PREFIX = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*)?");
    /** What a substituted value may hold: no '/', no whitespace, no '..' tricks, nothing URL-special. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final String template;
    private final List<String> allowedPrefixes;

    private OutputUriPolicy(String template, List<String> allowedPrefixes) {
        this.template = template;
        this.allowedPrefixes = allowedPrefixes;
    }

    /**
     * @throws IllegalArgumentException when the template or a prefix is not a usable s3:// URI, or the
     *     template's fixed part is under no allowed prefix
     */
    public static OutputUriPolicy of(String template, List<String> allowedPrefixes) {
        if (allowedPrefixes.isEmpty()) {
            throw new IllegalArgumentException("no allowed prefix is configured, so no export may be sent");
        }
        for (String prefix : allowedPrefixes) {
            if (!S3_PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("allowed prefix '" + prefix + "' is not an s3://bucket[/prefix] URI");
            }
        }
        String probe = template.replace("{rule}", "RULE").replace("{location}", "location");
        if (!S3_PREFIX.matcher(probe).matches() || probe.indexOf('/', "s3://".length()) < 0) {
            throw new IllegalArgumentException("OutputUri '" + template + "' is not an s3://bucket/prefix/ URI");
        }
        if (!template.endsWith("/")) {
            // a fixed object name would make every exported session overwrite the same file
            throw new IllegalArgumentException("OutputUri '" + template
                    + "' must end with '/' so that GameLift Streams names each session's file");
        }
        if (template.replaceAll("\\{(rule|location)}", "").contains("{")) {
            throw new IllegalArgumentException("OutputUri '" + template + "' may only hold {rule} and {location}");
        }
        int placeholder = template.indexOf('{');
        String fixed = placeholder < 0 ? template : template.substring(0, placeholder);
        OutputUriPolicy policy = new OutputUriPolicy(template, List.copyOf(allowedPrefixes));
        if (!policy.allowed(fixed)) {
            throw new IllegalArgumentException("OutputUri '" + template + "' is not under any allowed prefix "
                    + allowedPrefixes);
        }
        return policy;
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
        return allowed(uri) ? Optional.of(uri) : Optional.empty();
    }

    /** Under an allowed prefix, compared segment-wise so that s3://b/ab is not under s3://b/a. */
    boolean allowed(String uri) {
        if (uri.contains("/../") || uri.contains("/./") || uri.indexOf("//", "s3://".length()) >= 0) {
            return false;
        }
        for (String prefix : allowedPrefixes) {
            String normalized = prefix.endsWith("/") ? prefix : prefix + "/";
            if (uri.startsWith(normalized) || uri.equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    public String template() {
        return template;
    }

    public List<String> allowedPrefixes() {
        return allowedPrefixes;
    }
}
