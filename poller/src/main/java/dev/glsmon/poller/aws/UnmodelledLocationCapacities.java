package dev.glsmon.poller.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamGroupResponse;
import software.amazon.awssdk.services.gameliftstreams.model.LocationState;

/**
 * The capacity members of GetStreamGroup's {@code LocationStates} that the current API has
 * (TargetIdleCapacity and MaximumCapacity, the LocationConfiguration settings shown back) but SDK for
 * Java 2.40.2's {@code LocationState} does not model and drops, read from the body as
 * {@link ListedStatusReasons} reads StatusReason. {@link #capacity} prefers the SDK's own field once it
 * has one.
 */
public final class UnmodelledLocationCapacities extends BodyFieldCapture {

    public static final String TARGET_IDLE_CAPACITY = "TargetIdleCapacity";
    public static final String MAXIMUM_CAPACITY = "MaximumCapacity";
    static final List<String> MEMBERS = List.of(TARGET_IDLE_CAPACITY, MAXIMUM_CAPACITY);
    /** Never on the wire: set on the in-memory response only. */
    static final String HEADER = "x-glsmon-location-capacities";
    private static final ExecutionAttribute<byte[]> BODY = new ExecutionAttribute<>("glsmon.streamGroupBody");


    public UnmodelledLocationCapacities() {
        super(HEADER, BODY, "LocationStates");
    }

    /** The location's member: the SDK's field where it models it, else the one read from the body, else null. */
    public static Integer capacity(LocationState state, String member, Map<String, String> captured) {
        return state.getValueForField(member, Integer.class).orElseGet(() -> {
            String value = captured.get(key(state.locationName(), member));
            return value == null ? null : Integer.valueOf(value);
        });
    }

    /** What was read from this response's body, by {@code location/member}. */
    public static Map<String, String> of(GetStreamGroupResponse response) {
        return captured(response, HEADER);
    }

    @Override
    boolean reads(String operation) {
        return ApiOperations.GET_STREAM_GROUP.equals(operation);
    }

    @Override
    void readItem(JsonParser parser, Map<String, String> values) throws IOException {
        String location = null;
        Map<String, String> found = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("LocationName".equals(field) && value == JsonToken.VALUE_STRING) {
                location = parser.getText();
            } else if (MEMBERS.contains(field) && value == JsonToken.VALUE_NUMBER_INT) {
                found.put(field, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        if (location != null) {
            String name = location;
            found.forEach((member, number) -> values.put(key(name, member), number));
        }
    }

    private static String key(String location, String member) {
        return location + "/" + member;
    }
}
