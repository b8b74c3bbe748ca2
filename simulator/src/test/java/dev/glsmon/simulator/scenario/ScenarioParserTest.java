package dev.glsmon.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.simulator.StatusReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {

    @Test
    void theDemoTellsItsStory() {
        Scenario demo = Scenario.demo();

        assertThat(demo.streamGroups()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(demo.streamGroups().stream().flatMap(g -> g.locations().stream()).map(GroupLocationSpec::location).distinct())
                .containsExactlyInAnyOrder("us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1");
        assertThat(demo.incidents()).anySatisfy(i -> {
            assertThat(i.reasonMultipliers()).containsEntry(StatusReason.APPLICATION_EXIT, 10.0);
            assertThat(i.start()).isLessThan(Duration.ofMinutes(10));
        });
        assertThat(demo.incidents()).anySatisfy(i -> assertThat(i.capacityFactor()).isLessThan(1));
        assertThat(demo.warmUp()).isPositive();
    }

    @Test
    void lifecycleSettingsLayerDefaultsScenarioLocationAndStreamGroup() {
        Scenario s = Scenario.parse("""
                {"lifecycle": {"connectedMean": "30m", "connectedOutcomeWeights": {"applicationExit": 20}},
                 "locations": {"us-west-2": {"connectProbability": 0.5}},
                 "streamGroups": [{"lifecycle": {"sessionLengthSeconds": 600},
                                   "locations": [{"name": "us-west-2", "capacity": 5, "arrivalsPerMinute": 1.5},
                                                 {"name": "us-east-1"}]}]}
                """);

        LifecycleParams west = s.streamGroups().get(0).locations().get(0).lifecycle();
        LifecycleParams east = s.streamGroups().get(0).locations().get(1).lifecycle();
        assertThat(west.connectedMean()).isEqualTo(Duration.ofMinutes(30));
        assertThat(west.connectProbability()).isEqualTo(0.5);
        assertThat(east.connectProbability()).isEqualTo(s.defaults().connectProbability()).isNotEqualTo(0.5);
        assertThat(west.sessionLengthSeconds()).isEqualTo(600);
        assertThat(west.connectedEndWeights()).containsEntry(StatusReason.APPLICATION_EXIT, 20.0)
                .containsEntry(StatusReason.API_TERMINATED, 70.0);
        assertThat(s.streamGroups().get(0).locations().get(0).capacity()).isEqualTo(5);
        assertThat(s.streamGroups().get(0).locations().get(0).arrivalsPerMinute()).isEqualTo(1.5);
    }

    @Test
    void anUnknownKeyIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> Scenario.parse("{\"streamGroups\": [{\"locations\": [{\"name\": \"x\", \"capacityy\": 1}]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamGroups[0].locations[0]")
                .hasMessageContaining("capacityy");
        assertThatThrownBy(() -> Scenario.parse("{\"lifecycle\": {\"connectMeen\": \"5s\"}}"))
                .hasMessageContaining("connectMeen");
    }

    @Test
    void refusesReasonsOfTheWrongStatusAndBadValues() {
        assertThatThrownBy(() -> Scenario.parse("{\"lifecycle\": {\"activationErrorWeights\": {\"applicationExit\": 1}}}"))
                .hasMessageContaining("applicationExit");
        assertThatThrownBy(() -> Scenario.parse("{\"lifecycle\": {\"connectProbability\": 2}}"))
                .hasMessageContaining("connectProbability");
        assertThatThrownBy(() -> Scenario.parse("{\"streamGroups\": [{\"id\": \"sg-x\", \"locations\": [{\"name\": \"a\"}]}]}"))
                .hasMessageContaining("sg-x");
        assertThatThrownBy(() -> Scenario.parse("{\"incidents\": [{\"start\": \"5m\", \"duration\": \"10m\", \"repeatEvery\": \"5m\"}]}"))
                .hasMessageContaining("repeatEvery");
        assertThatThrownBy(() -> Scenario.parse("{\"streamGroups\": [{\"locations\": [{\"name\": \"a\", \"capacity\": 5, \"alwaysOnCapacity\": 6}]}]}"))
                .hasMessageContaining("alwaysOnCapacity");
        assertThatThrownBy(() -> Scenario.parse("{\"incidents\": [{\"start\": \"5m\", \"duration\": \"10m\", \"locationStatus\": \"BROKEN\"}]}"))
                .hasMessageContaining("locationStatus");
        assertThatThrownBy(() -> Scenario.parse("{\"incidents\": [{\"start\": \"5m\", \"duration\": \"10m\", \"statusReason\": \"oops\"}]}"))
                .hasMessageContaining("statusReason");
        assertThatThrownBy(() -> Scenario.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsYamlFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: yaml
                retention: 2m
                incidents:
                  - name: drop
                    location: eu-central-1
                    start: PT1M
                    duration: 90s
                    capacityFactor: 0.5
                """);

        Scenario s = Scenario.load(file.toString());

        assertThat(s.name()).isEqualTo("yaml");
        assertThat(s.retention()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.incidents().get(0).duration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void incidentsRepeat() {
        IncidentSpec spike = Scenario.parse("""
                {"incidents": [{"name": "s", "start": "5m", "duration": "3m", "repeatEvery": "20m"}]}
                """).incidents().get(0);

        assertThat(spike.activeAt(Duration.ofMinutes(4).toMillis())).isFalse();
        assertThat(spike.activeAt(Duration.ofMinutes(5).toMillis())).isTrue();
        assertThat(spike.activeAt(Duration.ofMinutes(8).toMillis())).isFalse();
        assertThat(spike.activeAt(Duration.ofMinutes(26).toMillis())).isTrue();
        assertThat(spike.affects("sg-any", "anywhere")).isTrue();
    }

    @Test
    void parsesDurationsInEveryAcceptedForm() {
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("12")).isEqualTo(Duration.ofSeconds(12));
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
