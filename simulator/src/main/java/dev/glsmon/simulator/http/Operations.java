package dev.glsmon.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glsmon.simulator.ApiOperation;
import dev.glsmon.simulator.ExportStatus;
import dev.glsmon.simulator.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StreamGroupView;
import dev.glsmon.simulator.engine.Arns;
import dev.glsmon.simulator.engine.Engine;
import dev.glsmon.simulator.engine.Page;
import dev.glsmon.simulator.engine.Refusal;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/** The operations: validate the request as the service does, ask the engine, shape the answer. */
final class Operations {

    private static final int DEFAULT_MAX_RESULTS = 25;
    private static final int MAX_MAX_RESULTS = 100;
    /** {@code s3://bucket/key.zip} or {@code s3://bucket/prefix/} (bucket naming rules of S3). */
    private static final Pattern OUTPUT_URI =
            Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/(?:[^\\s]+\\.(?:zip|ZIP)|(?:[^\\s]*/)?)");

    private final Engine engine;
    private final String region;
    private final String account;
    private final PageTokens tokens;
    private final FaultInjector faults;
    private final ObjectMapper json;

    Operations(Engine engine, String region, String account, PageTokens tokens, FaultInjector faults, ObjectMapper json) {
        this.engine = engine;
        this.region = region;
        this.account = account;
        this.tokens = tokens;
        this.faults = faults;
        this.json = json;
    }

    ObjectNode invoke(Router.Route route, Map<String, String> query, byte[] body) {
        try {
            return switch (route.operation()) {
                case LIST_STREAM_GROUPS -> listStreamGroups(query);
                case GET_STREAM_GROUP -> WireFormat.streamGroup(engine.streamGroup(groupId(route.group()))
                        .orElseThrow(() -> ApiError.notFound("Stream group " + route.group() + " not found.")));
                case LIST_STREAM_SESSIONS -> listSessions(route.operation(), groupId(route.group()), query);
                case LIST_STREAM_SESSIONS_BY_ACCOUNT -> listSessions(route.operation(), null, query);
                case GET_STREAM_SESSION -> {
                    String group = groupId(route.group());
                    yield WireFormat.session(engine.session(group, sessionId(group, route.session())));
                }
                case EXPORT_STREAM_SESSION_FILES -> export(route, body);
                case TERMINATE_STREAM_SESSION -> {
                    String group = groupId(route.group());
                    engine.terminate(group, sessionId(group, route.session()));
                    yield json.createObjectNode();
                }
            };
        } catch (Refusal refusal) {
            throw refusal.kind() == Refusal.Kind.NOT_FOUND
                    ? ApiError.notFound(refusal.getMessage())
                    : ApiError.validation(refusal.getMessage());
        }
    }

    private ObjectNode listStreamGroups(Map<String, String> query) {
        int max = maxResults(query);
        String binding = ApiOperation.LIST_STREAM_GROUPS.wireName();
        PageTokens.Position position = position(binding, query);
        faults.checkPage(ApiOperation.LIST_STREAM_GROUPS, position.page());
        Page<StreamGroupView> page = engine.listStreamGroups(position.afterKey(), max);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("Items");
        page.items().forEach(g -> items.add(WireFormat.streamGroupSummary(g)));
        nextToken(out, binding, position, page);
        return out;
    }

    private ObjectNode listSessions(ApiOperation operation, String groupId, Map<String, String> query) {
        SessionStatus status = enumParam(query, "Status", SessionStatus.class);
        ExportStatus exportStatus = enumParam(query, "ExportFilesStatus", ExportStatus.class);
        int max = maxResults(query);
        String binding = operation.wireName() + "|" + groupId + "|" + status + "|" + exportStatus;
        PageTokens.Position position = position(binding, query);
        faults.checkPage(operation, position.page());
        Page<SessionView> page = engine.listSessions(groupId, status, exportStatus, position.afterKey(), max);
        boolean accountWide = groupId == null;
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("Items");
        page.items().forEach(s -> items.add(WireFormat.sessionSummary(s, accountWide)));
        nextToken(out, binding, position, page);
        return out;
    }

    private ObjectNode export(Router.Route route, byte[] body) {
        String group = groupId(route.group());
        String session = sessionId(group, route.session());
        JsonNode request;
        try {
            request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw ApiError.validation("The request body is not valid JSON.");
        }
        JsonNode uri = request == null ? null : request.get("OutputUri");
        if (uri == null || !uri.isTextual() || uri.asText().isEmpty()) {
            throw ApiError.validation("1 validation error detected: Value null at 'outputUri' failed to satisfy constraint: Member must not be null");
        }
        String outputUri = uri.asText();
        if (outputUri.length() > 1024 || !OUTPUT_URI.matcher(outputUri).matches()) {
            throw ApiError.validation("OutputUri must be an S3 URI of a .zip file (s3://bucket/key.zip) or of a prefix"
                    + " ending with / (s3://bucket/prefix/): " + outputUri);
        }
        engine.requestExport(group, session, outputUri);
        return json.createObjectNode();
    }

    private PageTokens.Position position(String binding, Map<String, String> query) {
        String token = query.get("NextToken");
        if (token == null) {
            return new PageTokens.Position(1, null);
        }
        if (token.isEmpty()) {
            throw ApiError.validation("The NextToken is not valid for this request.");
        }
        return tokens.decode(binding, token);
    }

    private <T> void nextToken(ObjectNode out, String binding, PageTokens.Position position, Page<T> page) {
        if (page.more()) {
            out.put("NextToken", tokens.encode(binding, new PageTokens.Position(position.page() + 1, page.lastKey())));
        }
    }

    private static int maxResults(Map<String, String> query) {
        String value = query.get("MaxResults");
        if (value == null) {
            return DEFAULT_MAX_RESULTS;
        }
        int max;
        try {
            max = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.validation("1 validation error detected: Value '" + value
                    + "' at 'maxResults' failed to satisfy constraint: Member must be a number");
        }
        if (max < 1 || max > MAX_MAX_RESULTS) {
            throw ApiError.validation("1 validation error detected: Value '" + max
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        return max;
    }

    private static <E extends Enum<E>> E enumParam(Map<String, String> query, String name, Class<E> type) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiError.validation("1 validation error detected: Value '" + value + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A stream group id or ARN, as the id; an ARN of another Region or account is not found here. */
    private String groupId(String identifier) {
        Arns.GroupRef ref = Arns.parseGroup(identifier);
        if (ref == null) {
            throw ApiError.validation("1 validation error detected: Value '" + identifier
                    + "' at 'identifier' failed to satisfy constraint: Member must be a stream group ID or ARN");
        }
        if (ref.region() != null && (!ref.region().equals(region) || !ref.account().equals(account))) {
            throw ApiError.notFound("Stream group " + identifier + " not found.");
        }
        return ref.groupId();
    }

    private String sessionId(String groupId, String identifier) {
        Arns.SessionRef ref = Arns.parseSession(identifier);
        if (ref == null) {
            throw ApiError.validation("1 validation error detected: Value '" + identifier
                    + "' at 'streamSessionIdentifier' failed to satisfy constraint: Member must be a stream session ID or ARN");
        }
        if (ref.groupId() != null && (!ref.groupId().equals(groupId) || !ref.region().equals(region)
                || !ref.account().equals(account))) {
            throw ApiError.notFound("Stream session " + identifier + " not found in stream group " + groupId + ".");
        }
        return ref.sessionId();
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
