package dev.glsmon.simulator.engine;

/**
 * The engine refuses a request about the simulated world: the HTTP layer turns it into the
 * service's error (404 ResourceNotFoundException or 400 ValidationException).
 */
public final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        NOT_FOUND,
        INVALID
    }

    private final Kind kind;

    public Refusal(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
