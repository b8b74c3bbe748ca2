package dev.glsmon.poller.cycle;

/** Why the poller calls GetStreamSession for one session; also the label of the enrichment counter. */
public enum Enrichment {
    /** The session became TERMINATED or ERROR and the listing does not carry its StatusReason. */
    TERMINAL_REASON,
    /** Its export reached SUCCEEDED or FAILED and the listing lacks OutputUri and StatusReason (account mode). */
    EXPORT_DETAILS,
    /** It was listed last cycle and is missing from this complete listing: what became of it? */
    DISAPPEARED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
