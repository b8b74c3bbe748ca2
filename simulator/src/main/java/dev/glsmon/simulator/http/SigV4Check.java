package dev.glsmon.simulator.http;

import java.util.regex.Pattern;

/**
 * Checks that a request carries an AWS Signature Version 4 Authorization header for this service.
 * Only its presence and shape are checked, never the signature itself: the point is to catch a
 * client that forgot to sign, not to authenticate anyone.
 */
final class SigV4Check {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=[A-Za-z0-9]+/\\d{8}/[a-z0-9-]+/gameliftstreams/aws4_request,"
                    + " ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}");

    private SigV4Check() {}

    static void check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.accessDenied("Missing Authentication Token: the request must be signed with AWS Signature Version 4.");
        }
        if (!AUTHORIZATION.matcher(authorization.trim()).matches()) {
            throw ApiError.accessDenied("The Authorization header is not an AWS Signature Version 4 signature for gameliftstreams.");
        }
    }
}
