package dev.glsmon.poller.cycle;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;

/** GetStreamSession for one session, with the three answers the cycle distinguishes. */
public final class SessionFetcher {

    /** What GetStreamSession answered. */
    public sealed interface Result permits Found, Gone, Failed {}

    public record Found(GetStreamSessionResponse response) implements Result {}

    /** 404: the session no longer exists. */
    public record Gone() implements Result {}

    /** Anything else, after the SDK's retries: try again next cycle. */
    public record Failed(SdkException error) implements Result {}

    private final GameLiftStreamsClient client;

    public SessionFetcher(GameLiftStreamsClient client) {
        this.client = client;
    }

    public Result fetch(String streamGroupId, String sessionId) {
        try {
            return new Found(client.getStreamSession(b -> b.identifier(streamGroupId).streamSessionIdentifier(sessionId)));
        } catch (ResourceNotFoundException e) {
            return new Gone();
        } catch (SdkException e) {
            return new Failed(e);
        }
    }
}
