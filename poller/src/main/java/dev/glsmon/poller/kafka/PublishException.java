package dev.glsmon.poller.kafka;

/** A record the broker did not acknowledge: the poll cycle that sent it has failed. */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
