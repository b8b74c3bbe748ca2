package dev.glsmon.simulator;

/**
 * The GameLift Streams operations the simulator answers, with the real service's per-account rate
 * limit (requests per second) used when rate-limit enforcement is on.
 */
public enum ApiOperation {
    LIST_STREAM_GROUPS("ListStreamGroups", 10),
    GET_STREAM_GROUP("GetStreamGroup", 10),
    LIST_STREAM_SESSIONS("ListStreamSessions", 20),
    LIST_STREAM_SESSIONS_BY_ACCOUNT("ListStreamSessionsByAccount", 20),
    GET_STREAM_SESSION("GetStreamSession", 20),
    EXPORT_STREAM_SESSION_FILES("ExportStreamSessionFiles", 20),
    TERMINATE_STREAM_SESSION("TerminateStreamSession", 20);

    private final String wireName;
    private final int ratePerSecond;

    ApiOperation(String wireName, int ratePerSecond) {
        this.wireName = wireName;
        this.ratePerSecond = ratePerSecond;
    }

    /** The operation name as AWS spells it, e.g. {@code ListStreamSessions}. */
    public String wireName() {
        return wireName;
    }

    /** The service quota: requests per second per account and Region. */
    public int ratePerSecond() {
        return ratePerSecond;
    }

    /** Accepts {@code ListStreamSessions} or {@code LIST_STREAM_SESSIONS}. */
    public static ApiOperation fromName(String name) {
        for (ApiOperation op : values()) {
            if (op.wireName.equals(name) || op.name().equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation: " + name);
    }

    public boolean isListing() {
        return this == LIST_STREAM_GROUPS || this == LIST_STREAM_SESSIONS || this == LIST_STREAM_SESSIONS_BY_ACCOUNT;
    }
}
