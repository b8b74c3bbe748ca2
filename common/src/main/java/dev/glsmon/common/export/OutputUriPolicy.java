package dev.glsmon.common.export;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which OutputUris may be sent to ExportStreamSessionFiles: the one rule that the processor applies
 * when it builds a command and the poller's executor applies again before it acts (a command topic
 * that anyone with write access can fill must not make the service upload game files to an
 * arbitrary bucket).
 *
 * <p>A URI is allowed when it is an {@code s3://} URI that the API model accepts
 * ({@code s3://.*(/|\.zip|\.ZIP)}, at most 1,024 characters), with a valid bucket name, without
 * characters or path segments that could lead it elsewhere ({@code .}, {@code ..}, an empty
 * segment, whitespace, {@code \ ? #}), and lies under one of the allowed prefixes compared segment by
 * segment ({@code s3://b/a} allows {@code s3://b/a/x.zip} but not {@code s3://b/ab/x.zip}).
 */
public final class OutputUriPolicy {

    /** The setting both programs read the allowed prefixes from. */
    public static final String SETTING = "--export-allowed-prefixes";
    static final int MAX_LENGTH = 1024;

    private static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final List<String> allowedPrefixes;

    private OutputUriPolicy(List<String> allowedPrefixes) {
        this.allowedPrefixes = allowedPrefixes;
    }

    /**
     * @param allowedPrefixes {@code s3://bucket[/prefix]} values; empty refuses every URI
     * @throws IllegalArgumentException naming the first prefix that is not such a URI
     */
    public static OutputUriPolicy of(List<String> allowedPrefixes) {
        for (String prefix : allowedPrefixes) {
            Optional<String> problem = prefix == null ? Optional.of("is empty") : shapeProblem(prefix);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("allowed prefix '" + prefix + "' is not an s3://bucket[/prefix] URI ("
                        + problem.get() + ")");
            }
        }
        return new OutputUriPolicy(List.copyOf(allowedPrefixes));
    }

    /** Why the URI is refused, or empty when it may be used. */
    public Optional<String> refusal(String uri) {
        if (uri == null || uri.isEmpty()) {
            return Optional.of("no OutputUri");
        }
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("OutputUri is longer than " + MAX_LENGTH + " characters");
        }
        Optional<String> problem = shapeProblem(uri);
        if (problem.isPresent()) {
            return problem.map(p -> "OutputUri " + p);
        }
        if (!(uri.endsWith("/") || uri.endsWith(".zip") || uri.endsWith(".ZIP"))) {
            return Optional.of("OutputUri must name a .zip file or end with / (a prefix)");
        }
        if (allowedPrefixes.isEmpty()) {
            return Optional.of("no allowed export prefix is configured (" + SETTING + ")");
        }
        for (String prefix : allowedPrefixes) {
            if (isUnder(uri, prefix)) {
                return Optional.empty();
            }
        }
        return Optional.of("OutputUri is not under any allowed prefix (" + SETTING + ")");
    }

    public boolean allows(String uri) {
        return refusal(uri).isEmpty();
    }

    public List<String> allowedPrefixes() {
        return allowedPrefixes;
    }

    /** What is wrong with the URI's form, whatever the allow-list says. */
    private static Optional<String> shapeProblem(String uri) {
        if (!uri.startsWith(SCHEME)) {
            return Optional.of("is not an s3:// URI");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == 127 || c == '\\' || c == '?' || c == '#') {
                return Optional.of("holds a character an S3 key here must not hold");
            }
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            return Optional.of("has no valid bucket name");
        }
        if (slash >= 0) {
            String[] segments = rest.substring(slash + 1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                boolean last = i == segments.length - 1;
                if (segment.equals("..") || segment.equals(".")) {
                    return Optional.of("has a relative path segment");
                }
                if (segment.isEmpty() && !last) {
                    return Optional.of("has an empty path segment (//)");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isUnder(String uri, String prefix) {
        String directory = prefix.endsWith("/") ? prefix : prefix + "/";
        return uri.startsWith(directory) || uri.equals(prefix);
    }
}
