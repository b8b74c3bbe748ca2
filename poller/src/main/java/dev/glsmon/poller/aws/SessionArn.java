package dev.glsmon.poller.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * A parsed stream session ARN: {@code arn:aws:gameliftstreams:REGION:ACCOUNT:streamsession/SG_ID/SESSION_ID}.
 * Account-wide listings carry no stream group id, so the poller derives it from here.
 */
public record SessionArn(String partition, String region, String account, String streamGroupId, String sessionId) {

    private static final String SERVICE = "gameliftstreams";
    private static final String RESOURCE_TYPE = "streamsession";

    public SessionArn {
        Objects.requireNonNull(streamGroupId, "streamGroupId");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** Parses, or returns empty for anything that is not a stream session ARN. */
    public static Optional<SessionArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; the resource part holds '/' but no ':'
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !"arn".equals(parts[0]) || !SERVICE.equals(parts[2]) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String[] resource = parts[5].split("/", -1);
        if (resource.length != 3 || !RESOURCE_TYPE.equals(resource[0]) || resource[1].isEmpty() || resource[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionArn(parts[1], parts[3], parts[4], resource[1], resource[2]));
    }

    /** Parses or throws {@link IllegalArgumentException} naming the value. */
    public static SessionArn require(String arn) {
        return parse(arn).orElseThrow(() -> new IllegalArgumentException("not a stream session ARN: " + arn));
    }
}
