package dev.glsmon.poller;

/** What one poll cycle lists. */
public enum Mode {
    /** ListStreamSessions per stream group: cheap, carries export details, splits across instances. */
    GROUP,
    /** ListStreamSessionsByAccount: one listing for the whole account; AWS calls it costly. */
    ACCOUNT;

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
