package dev.glsmon.poller;

import dev.glsmon.poller.aws.ApiOperations;

/** What one poll cycle lists. */
public enum Mode {
    /** ListStreamSessions per stream group: cheap, carries export details, splits across instances. */
    GROUP,
    /** ListStreamSessionsByAccount: one listing for the whole account; AWS calls it costly. */
    ACCOUNT;

    /** The API operation a cycle lists with: its budget sets how often a full sweep fits. */
    public String listingOperation() {
        return this == ACCOUNT ? ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT : ApiOperations.LIST_STREAM_SESSIONS;
    }

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
