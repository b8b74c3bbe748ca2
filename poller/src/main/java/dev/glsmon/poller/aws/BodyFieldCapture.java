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

/**
 * Members the wire carries but this SDK version's model drops, read from the response body before
 * the SDK unmarshals it and handed on, as {@code key=value} pairs, in a header of the in-memory HTTP
 * response (never on the wire). The SDK builds the object its caller gets after the interceptors
 * ran, but keeps this HTTP response in it, so the values travel with their response whatever thread
 * or paginator asks. The body itself is handed on unchanged.
 */
abstract class BodyFieldCapture implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(BodyFieldCapture.class);
    private static final JsonFactory JSON = new JsonFactory();

    private interface ItemReader {
        void read(JsonParser parser) throws IOException;
    }

    private final ExecutionAttribute<byte[]> body;
    private final String header;
    private final String arrayField;

    /**
     * @param header the in-memory header that carries the values
     * @param body where the body waits for the SDK between the two hooks: a static constant of the
     *     subclass (the SDK refuses two attributes of one name)
     * @param arrayField the top-level array whose objects {@link #readItem} reads
     */
    BodyFieldCapture(String header, ExecutionAttribute<byte[]> body, String arrayField) {
        this.header = header;
        this.body = body;
        this.arrayField = arrayField;
    }

    /** Whether this capture reads the responses of the operation. */
    abstract boolean reads(String operation);

    /** Reads one object of the array (the parser at its start) into the pairs to pass on. */
    abstract void readItem(JsonParser parser, Map<String, String> values) throws IOException;

    /** The pairs to pass on; a body that is not the API's JSON yields what was read before the damage. */
    final Map<String, String> parse(byte[] bytes) {
        Map<String, String> values = new HashMap<>();
        forEachItem(bytes, arrayField, parser -> readItem(parser, values));
        return values;
    }

    /** The pairs captured from this response's body (empty when it had none). */
    static Map<String, String> captured(SdkResponse response, String header) {
        if (response.sdkHttpResponse() == null) {
            return Map.of();
        }
        return response.sdkHttpResponse().firstMatchingHeader(header).map(BodyFieldCapture::decode).orElse(Map.of());
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> content = context.responseBody();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (content.isEmpty() || !context.httpResponse().isSuccessful() || !reads(operation)) {
            return context.httpResponse();
        }
        byte[] bytes;
        try (InputStream in = content.get()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a " + operation + " response", e);
        }
        attributes.putAttribute(body, bytes);
        Map<String, String> values = parse(bytes);
        return values.isEmpty() ? context.httpResponse()
                : context.httpResponse().toBuilder().putHeader(header, encode(values)).build();
    }

    /** The body read above, unchanged, for the SDK to unmarshal. */
    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        byte[] bytes = attributes.getAttribute(body);
        return bytes == null ? context.responseBody() : Optional.of(new ByteArrayInputStream(bytes));
    }

    /**
     * Hands each object of the top-level array {@code field} to {@code reader}. A body that is not the
     * API's JSON stops the reading where the damage is: what was read stays, and the SDK's own
     * unmarshalling reports the damage.
     */
    private static void forEachItem(byte[] body, String field, ItemReader reader) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        reader.read(parser);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            LOG.debug("response body not readable as JSON past some point ({}): kept what was read before", e.getMessage());
        }
    }

    static String encode(Map<String, String> values) {
        StringJoiner joined = new StringJoiner("&");
        values.forEach((key, value) -> joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + '='
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    static Map<String, String> decode(String header) {
        Map<String, String> values = new HashMap<>();
        for (String pair : header.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
