package dev.glsmon.simulator.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARNs in the documented forms, and parsing of the identifiers the API accepts (an id or an ARN). */
public final class Arns {

    private static final String PREFIX = "arn:aws:gameliftstreams:";
    /** The model's identifiers: an id ({@code ^[a-zA-Z0-9-]+$}) or an ARN, at most 128 characters. */
    static final int MAX_IDENTIFIER = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern GROUP_ARN =
            Pattern.compile("arn:aws:gameliftstreams:([a-z0-9-]+):(\\d{12}):streamgroup/([A-Za-z0-9-]+)");
    private static final Pattern SESSION_ARN = Pattern.compile(
            "arn:aws:gameliftstreams:([a-z0-9-]+):(\\d{12}):streamsession/([A-Za-z0-9-]+)/([A-Za-z0-9-]+)");

    private Arns() {}

    public static String streamGroup(String region, String account, String groupId) {
        return PREFIX + region + ":" + account + ":streamgroup/" + groupId;
    }

    public static String streamSession(String region, String account, String groupId, String sessionId) {
        return PREFIX + region + ":" + account + ":streamsession/" + groupId + "/" + sessionId;
    }

    public static String application(String region, String account, String applicationId) {
        return PREFIX + region + ":" + account + ":application/" + applicationId;
    }

    /** A stream group id or ARN, resolved to its id. */
    public record GroupRef(String groupId, String region, String account) {}

    /** A stream session id or ARN; ARNs also name their stream group. */
    public record SessionRef(String sessionId, String groupId, String region, String account) {}

    /** Parses a stream group identifier; null when it has neither form. */
    public static GroupRef parseGroup(String identifier) {
        if (identifier.length() > MAX_IDENTIFIER) {
            return null;
        }
        if (ID.matcher(identifier).matches()) {
            return new GroupRef(identifier, null, null);
        }
        Matcher m = GROUP_ARN.matcher(identifier);
        return m.matches() ? new GroupRef(m.group(3), m.group(1), m.group(2)) : null;
    }

    /** Parses a stream session identifier; null when it has neither form. */
    public static SessionRef parseSession(String identifier) {
        if (identifier.length() > MAX_IDENTIFIER) {
            return null;
        }
        if (ID.matcher(identifier).matches()) {
            return new SessionRef(identifier, null, null, null);
        }
        Matcher m = SESSION_ARN.matcher(identifier);
        return m.matches() ? new SessionRef(m.group(4), m.group(3), m.group(1), m.group(2)) : null;
    }
}
