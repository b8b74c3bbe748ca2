package dev.glsmon.poller.aws;

/**
 * The outcome label of one API call attempt, from what the SDK recorded for it: the HTTP status and
 * the SDK's error type (Throttling, ServerError, ConfiguredTimeout, IO, Other).
 */
public final class ApiOutcome {

    public static final String SUCCESS = "success";
    public static final String THROTTLED = "throttled";
    public static final String SERVER_ERROR = "server_error";
    public static final String NOT_FOUND = "not_found";
    public static final String CLIENT_ERROR = "client_error";
    public static final String TIMEOUT = "timeout";
    public static final String IO_ERROR = "io_error";
    public static final String MALFORMED_RESPONSE = "malformed_response";
    public static final String OTHER = "other";

    private ApiOutcome() {}

    /**
     * @param httpStatus null when no response arrived
     * @param sdkErrorType null when the attempt succeeded
     */
    public static String classify(Integer httpStatus, String sdkErrorType) {
        if (sdkErrorType == null) {
            return httpStatus == null || httpStatus / 100 == 2 ? SUCCESS : byStatus(httpStatus);
        }
        switch (sdkErrorType) {
            case "Throttling":
                return THROTTLED;
            case "ServerError":
                return SERVER_ERROR;
            case "ConfiguredTimeout":
                return TIMEOUT;
            case "IO":
                return IO_ERROR;
            default:
                if (httpStatus == null) {
                    return OTHER;
                }
                // a 2xx that still failed: the body could not be read as the API's JSON
                return httpStatus / 100 == 2 ? MALFORMED_RESPONSE : byStatus(httpStatus);
        }
    }

    private static String byStatus(int status) {
        if (status == 429) {
            return THROTTLED;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status >= 400) {
            return CLIENT_ERROR;
        }
        return OTHER;
    }
}
