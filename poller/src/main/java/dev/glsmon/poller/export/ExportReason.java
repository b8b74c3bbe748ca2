package dev.glsmon.poller.export;

/** Why an export command was not REQUESTED: the typed reason of its result (ExportResult.reason). */
public enum ExportReason {
    /** The service has no such session (404): it ended and was purged. */
    NOT_FOUND,
    /** The service refused, and the session is past ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION and RECONNECTING. */
    NOT_IN_PROGRESS,
    /** The OutputUri is not allowed by the policy: never sent. */
    URI_NOT_ALLOWED,
    /** The stream group or session identifier is not of the model's form: never sent. */
    INVALID_IDENTIFIER,
    /** The service refused the request (400, 409) while the session was in progress, or its status could not be read. */
    INVALID_REQUEST,
    /** 403: the caller may not export (IAM), or the service may not write to the bucket. */
    ACCESS_DENIED,
    /** 429 after the SDK's retries. */
    THROTTLED,
    /** 5xx after the SDK's retries. */
    SERVER_ERROR,
    /** No HTTP answer (connection, timeout) after the SDK's retries. */
    UNREACHABLE
}
