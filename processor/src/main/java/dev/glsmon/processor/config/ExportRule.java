package dev.glsmon.processor.config;

/** The export rules; the name is the ExportCommand's {@code rule} and the metric label. */
public enum ExportRule {
    /** The session entered PENDING_CLIENT_RECONNECTION: a client dropped. */
    CLIENT_DISCONNECT,
    /** The session's location has a live error ratio at or above the threshold. */
    LOCATION_ERROR_RATE,
    /** The session's application is on the configured list. */
    APPLICATION,
    /** A hash of the session ARN falls under the sample rate. */
    SAMPLE
}
