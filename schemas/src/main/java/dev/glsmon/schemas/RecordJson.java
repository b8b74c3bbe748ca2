package dev.glsmon.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON of a glsmon record for people and scripts: fields in schema order, timestamps as
 * ISO-8601, bytes as base64, unions unwrapped (Avro's own JSON encoding wraps every union value,
 * which nobody wants to read).
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordJson() {}

    public static Map<String, Object> toMap(IndexedRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), plain(record.get(field.pos())));
        }
        return map;
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static Object plain(Object value) {
        if (value instanceof IndexedRecord record) {
            return toMap(record);
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            var copy = new ArrayList<>();
            items.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }
}
