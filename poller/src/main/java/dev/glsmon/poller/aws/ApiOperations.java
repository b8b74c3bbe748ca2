package dev.glsmon.poller.aws;

import java.util.List;

/** The GameLift Streams operation names the poller calls, as the SDK reports them in its metrics. */
public final class ApiOperations {

    public static final String LIST_STREAM_SESSIONS = "ListStreamSessions";
    public static final String LIST_STREAM_SESSIONS_BY_ACCOUNT = "ListStreamSessionsByAccount";
    public static final String GET_STREAM_SESSION = "GetStreamSession";
    public static final String EXPORT_STREAM_SESSION_FILES = "ExportStreamSessionFiles";
    public static final String LIST_STREAM_GROUPS = "ListStreamGroups";
    public static final String GET_STREAM_GROUP = "GetStreamGroup";

    public static final List<String> ALL = List.of(
            LIST_STREAM_SESSIONS,
            LIST_STREAM_SESSIONS_BY_ACCOUNT,
            GET_STREAM_SESSION,
            EXPORT_STREAM_SESSION_FILES,
            LIST_STREAM_GROUPS,
            GET_STREAM_GROUP);

    private ApiOperations() {}
}
