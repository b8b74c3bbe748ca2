package dev.glsmon.poller.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * The StatusReason of every ListStreamSessions item, read from the response body before the SDK
 * unmarshals it. The wire carries the field (API reference, ListStreamSessions), but SDK for Java
 * 2.40.2's {@code StreamSessionSummary} does not model it and drops it; without it the poller would
 * need one GetStreamSession per ended session, which caps glsmon at about 20 ends per second.
 *
 * <p>The body is handed on unchanged. Once the SDK models the field, {@link #reasonOf} prefers
 * the SDK's value and this becomes a fallback that nothing needs.
 */
public final class ListedStatusReasons extends BodyFieldCapture {

    /** Never on the wire: set on the in-memory response only. */
    static final String HEADER = "x-glsmon-listed-status-reasons";
    private static final ExecutionAttribute<byte[]> BODY = new ExecutionAttribute<>("glsmon.listingBody");

    /** The item's StatusReason: the SDK's own field where it has one, else the one read from the page's body. */
    static String reasonOf(StreamSessionSummary item, Map<String, String> pageReasons) {
        Optional<String> modelled = item.getValueForField("StatusReason", String.class);
        return modelled.orElseGet(() -> item.arn() == null ? null : pageReasons.get(item.arn()));
    }

    public ListedStatusReasons() {
        super(HEADER, BODY, "Items");
    }

    /** The reasons read from this page's body, by session ARN (empty when it had none). */
    public static Map<String, String> of(SdkResponse page) {
        return captured(page, HEADER);
    }

    /** Arn to StatusReason of one item of {@code Items}. */
    @Override
    void readItem(JsonParser parser, Map<String, String> reasons) throws IOException {
        String arn = null;
        String reason = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("Arn".equals(field) && value == JsonToken.VALUE_STRING) {
                arn = parser.getText();
            } else if ("StatusReason".equals(field) && value == JsonToken.VALUE_STRING) {
                reason = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (arn != null && reason != null && !reason.isEmpty()) {
            reasons.put(arn, reason);
        }
    }

    @Override
    boolean reads(String operation) {
        return ApiOperations.LIST_STREAM_SESSIONS.equals(operation)
                || ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT.equals(operation);
    }
}
