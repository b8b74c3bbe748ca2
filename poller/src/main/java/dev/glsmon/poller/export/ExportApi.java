package dev.glsmon.poller.export;

/** The one API call of the executor, behind an interface so the outcome rules are testable without HTTP. */
@FunctionalInterface
public interface ExportApi {

    /**
     * Calls ExportStreamSessionFiles (the SDK retries inside).
     *
     * @return the HTTP attempts made
     * @throws AttemptedException wrapping the SDK's exception when the call failed
     */
    int export(String streamGroupId, String sessionId, String outputUri) throws AttemptedException;

    /** A failed call and how many attempts it took. */
    final class AttemptedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int attempts;

        public AttemptedException(Throwable cause, int attempts) {
            super(cause.getMessage(), cause);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }
}
