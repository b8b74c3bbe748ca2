package dev.glsmon.simulator;

/** Ways a successful response body can be damaged by fault injection. */
public enum Malformation {
    /** The JSON body is cut in half: the SDK fails to parse it (an SdkClientException). */
    TRUNCATED_JSON,
    /** Unknown fields are added at every level: a correct client ignores them. */
    EXTRA_FIELDS,
    /** Fields such as Status, Arn or LastUpdatedAt are left out of items: the SDK returns nulls. */
    MISSING_FIELDS
}
