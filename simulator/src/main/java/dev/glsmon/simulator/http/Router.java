package dev.glsmon.simulator.http;

import dev.glsmon.simulator.ApiOperation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps method and path to an operation, as the SDK's marshallers build them. */
final class Router {

    /** A matched operation and its decoded path parameters (null where the path has none). */
    record Route(ApiOperation operation, String group, String session) {}

    private Router() {}

    /** The route, or null when no operation has this method and path. */
    static Route match(String method, String rawPath) {
        List<String> s = segments(rawPath);
        int n = s.size();
        if (n == 1 && s.get(0).equals("streamsessions") && method.equals("GET")) {
            return new Route(ApiOperation.LIST_STREAM_SESSIONS_BY_ACCOUNT, null, null);
        }
        if (n == 0 || !s.get(0).equals("streamgroups")) {
            return null;
        }
        if (n == 1) {
            return method.equals("GET") ? new Route(ApiOperation.LIST_STREAM_GROUPS, null, null) : null;
        }
        String group = s.get(1);
        if (n == 2) {
            return method.equals("GET") ? new Route(ApiOperation.GET_STREAM_GROUP, group, null) : null;
        }
        if (!s.get(2).equals("streamsessions")) {
            return null;
        }
        if (n == 3) {
            return method.equals("GET") ? new Route(ApiOperation.LIST_STREAM_SESSIONS, group, null) : null;
        }
        String session = s.get(3);
        if (n == 4) {
            return switch (method) {
                case "GET" -> new Route(ApiOperation.GET_STREAM_SESSION, group, session);
                case "DELETE" -> new Route(ApiOperation.TERMINATE_STREAM_SESSION, group, session);
                default -> null;
            };
        }
        if (n == 5 && s.get(4).equals("exportfiles") && method.equals("PUT")) {
            return new Route(ApiOperation.EXPORT_STREAM_SESSION_FILES, group, session);
        }
        return null;
    }

    /** Percent-decoded path segments; an encoded slash inside an ARN stays inside its segment. */
    static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                result.add(decode(part));
            }
        }
        return result;
    }

    /**
     * Decoded query parameters; the last value wins when a name repeats. Throws
     * IllegalArgumentException for broken percent-encoding.
     */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Percent-decoding without the form rule that turns '+' into a space (not a path rule). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // broken percent-encoding: left as is, identifier validation refuses it
        }
    }

    /** Like {@link #query(String)}, but an empty map when the query string is not decodable. */
    static Map<String, String> queryOrEmpty(String rawQuery) {
        try {
            return query(rawQuery);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }
}
