package dev.glsmon.poller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.gameliftstreams.model.LocationState;

class UnmodelledLocationCapacitiesTest {

    private static Map<String, String> read(String json) {
        return new UnmodelledLocationCapacities().parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTargetIdleAndMaximumCapacityOfEachLocation() {
        Map<String, String> values = read("""
                {"Arn":"x","LocationStates":[
                  {"LocationName":"us-east-1","Status":"ACTIVE","TargetIdleCapacity":3,"MaximumCapacity":400,"IdleCapacity":9},
                  {"MaximumCapacity":20,"Extra":{"TargetIdleCapacity":99},"LocationName":"eu-central-1"},
                  {"TargetIdleCapacity":5}],
                 "Status":"ACTIVE"}""");

        assertThat(values).containsOnly(Map.entry("us-east-1/TargetIdleCapacity", "3"),
                Map.entry("us-east-1/MaximumCapacity", "400"), Map.entry("eu-central-1/MaximumCapacity", "20"));
    }

    @Test
    void aBrokenBodyGivesWhatWasReadBeforeTheDamage() {
        assertThat(read("""
                {"LocationStates":[{"LocationName":"us-east-1","MaximumCapacity":4},{"LocationName":"eu"""))
                .containsOnly(Map.entry("us-east-1/MaximumCapacity", "4"));
        assertThat(read("[1,2]")).isEmpty();
    }

    @Test
    void takesTheValueFromTheBodyWhileTheSdkDoesNotModelTheMember() {
        LocationState state = LocationState.builder().locationName("us-east-1").idleCapacity(2).build();
        assertThat(state.sdkFields()).extracting(SdkField::memberName)
                .as("SDK 2.40.2 models neither; once it does, its own value is used")
                .doesNotContain("TargetIdleCapacity", "MaximumCapacity");

        Map<String, String> captured = Map.of("us-east-1/MaximumCapacity", "400");

        assertThat(UnmodelledLocationCapacities.capacity(state, "MaximumCapacity", captured)).isEqualTo(400);
        assertThat(UnmodelledLocationCapacities.capacity(state, "TargetIdleCapacity", captured)).isNull();
        assertThat(UnmodelledLocationCapacities.capacity(state, "IdleCapacity", Map.of("us-east-1/IdleCapacity", "7")))
                .as("a modelled member comes from the SDK").isEqualTo(2);
    }
}
