package dev.glsmon.poller;

/** The SDK retry strategy. */
public enum RetryMode {
    /** Exponential backoff with jitter; throttling errors back off from a longer base delay. */
    STANDARD,
    /** Standard plus the SDK's client-side rate limiter that slows down after throttling. */
    ADAPTIVE;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
