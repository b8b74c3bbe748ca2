package dev.glsmon.poller.export;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which OutputUris the executor sends to ExportStreamSessionFiles: {@code s3://bucket/key.zip} or
 * {@code s3://bucket/prefix/} under one of the allowed prefixes. The processor checks this too;
 * the executor checks again because it is the one that acts (a command topic anyone can write to
 * must not make the service upload game files to an arbitrary bucket).
 */
public final class OutputUriPolicy {

    private static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final List<String> allowedPrefixes;

    /** @param allowedPrefixes e.g. {@code s3://bucket/exports/}; empty refuses every URI */
    public OutputUriPolicy(List<String> allowedPrefixes) {
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
    }

    /** Why the URI is refused, or empty if it may be used. */
    public Optional<String> refusal(String uri) {
        if (uri == null || uri.isEmpty()) {
            return Optional.of("no OutputUri");
        }
        if (!uri.startsWith(SCHEME)) {
            return Optional.of("OutputUri is not an s3:// URI");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == 127 || c == '\\' || c == '?' || c == '#') {
                return Optional.of("OutputUri holds a character S3 keys here must not hold");
            }
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            return Optional.of("OutputUri has no valid bucket name");
        }
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("OutputUri has a relative path segment");
            }
        }
        if (!(uri.endsWith("/") || uri.endsWith(".zip"))) {
            return Optional.of("OutputUri must name a .zip file or end with / (a prefix)");
        }
        if (allowedPrefixes.isEmpty()) {
            return Optional.of("no export allow-list is configured (--export-allow-list)");
        }
        for (String prefix : allowedPrefixes) {
            if (isUnder(uri, prefix)) {
                return Optional.empty();
            }
        }
        return Optional.of("OutputUri is not under the export allow-list");
    }

    /** {@code s3://b} allows {@code s3://b/...} but not {@code s3://bx/...}. */
    private static boolean isUnder(String uri, String prefix) {
        if (prefix.endsWith("/")) {
            return uri.startsWith(prefix);
        }
        return uri.equals(prefix) || uri.startsWith(prefix + "/");
    }
}
