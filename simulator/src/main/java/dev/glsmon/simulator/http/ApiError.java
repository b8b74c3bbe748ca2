package dev.glsmon.simulator.http;

/**
 * An error answer in the service's shape: HTTP status, {@code x-amzn-ErrorType} header and a JSON
 * body with a message. The SDK maps the error type to its typed exception.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    ApiError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ApiError validation(String message) {
        return new ApiError(400, "ValidationException", message);
    }

    static ApiError accessDenied(String message) {
        return new ApiError(403, "AccessDeniedException", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "ResourceNotFoundException", message);
    }

    static ApiError throttling(String message) {
        return new ApiError(429, "ThrottlingException", message);
    }

    static ApiError internal(String message) {
        return new ApiError(500, "InternalServerException", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
