package dev.glsmon.poller.cycle;

/** The {@code source} of a snapshot or marker: the API call that produced it. */
public final class Sources {

    public static final String LIST_STREAM_SESSIONS = "ListStreamSessions";
    public static final String LIST_STREAM_SESSIONS_BY_ACCOUNT = "ListStreamSessionsByAccount";
    public static final String GET_STREAM_SESSION = "GetStreamSession";

    private Sources() {}
}
