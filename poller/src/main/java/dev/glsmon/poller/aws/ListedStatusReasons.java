package dev.glsmon.poller.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
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
public final class ListedStatusReasons implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ListedStatusReasons.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ExecutionAttribute<byte[]> BODY = new ExecutionAttribute<>("glsmon.listingBody");
    /** Never on the wire: set on the in-memory response only. */
    static final String HEADER = "x-glsmon-listed-status-reasons";

    /** The item's StatusReason: the SDK's own field where it has one, else the one read from the page's body. */
    public static String reasonOf(StreamSessionSummary item, Map<String, String> pageReasons) {
        Optional<String> modelled = item.getValueForField("StatusReason", String.class);
        return modelled.orElseGet(() -> item.arn() == null ? null : pageReasons.get(item.arn()));
    }

    /** The reasons read from this page's body, by session ARN (empty when it had none). */
    public static Map<String, String> of(SdkResponse page) {
        if (page.sdkHttpResponse() == null) {
            return Map.of();
        }
        return page.sdkHttpResponse().firstMatchingHeader(HEADER).map(ListedStatusReasons::decode).orElse(Map.of());
    }

    /**
     * Reads the body and hands the reasons on in a header of the in-memory response: the SDK
     * builds the object its caller gets after the interceptors ran, but keeps this HTTP response in
     * it, so the reasons travel with their page whatever thread or paginator asks.
     */
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful() || !isListing(attributes)) {
            return context.httpResponse();
        }
        byte[] bytes;
        try (InputStream in = body.get()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a " + operation(attributes) + " response", e);
        }
        attributes.putAttribute(BODY, bytes);
        Map<String, String> reasons = parse(bytes);
        return reasons.isEmpty() ? context.httpResponse()
                : context.httpResponse().toBuilder().putHeader(HEADER, encode(reasons)).build();
    }

    /** The body read above, unchanged, for the SDK to unmarshal. */
    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        byte[] bytes = attributes.getAttribute(BODY);
        return bytes == null ? context.responseBody() : Optional.of(new ByteArrayInputStream(bytes));
    }

    static String encode(Map<String, String> reasons) {
        StringJoiner joined = new StringJoiner("&");
        reasons.forEach((arn, reason) -> joined.add(URLEncoder.encode(arn, StandardCharsets.UTF_8) + '='
                + URLEncoder.encode(reason, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    static Map<String, String> decode(String header) {
        Map<String, String> reasons = new HashMap<>();
        for (String pair : header.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                reasons.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return reasons;
    }

    /**
     * Arn to StatusReason of each item of {@code Items}. A body that is not the API's JSON yields
     * what was read before the damage: the SDK's own unmarshalling reports the damage.
     */
    static Map<String, String> parse(byte[] body) {
        Map<String, String> reasons = new HashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return reasons;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("Items".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readItem(parser, reasons);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            LOG.debug("listing body not readable as JSON ({}); reasons read so far: {}", e.getMessage(), reasons.size());
        }
        return reasons;
    }

    private static void readItem(JsonParser parser, Map<String, String> reasons) throws IOException {
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

    private static boolean isListing(ExecutionAttributes attributes) {
        String operation = operation(attributes);
        return ApiOperations.LIST_STREAM_SESSIONS.equals(operation)
                || ApiOperations.LIST_STREAM_SESSIONS_BY_ACCOUNT.equals(operation);
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }
}
