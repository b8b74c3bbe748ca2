package dev.glsmon.processor;

import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.schemas.ExportCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md "One admission step": candidates from the tasks of several partitions (each already
 * pre-filtered to the cap by its own task) meet in one step, which holds the location cap per location
 * and window and the ceiling per minute for the whole application, and counts what it holds back.
 */
class ExportAdmissionTest {

    private static final int PARTITIONS = 6;
    private static final int CAP = 10;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private TopologyFixture fixture(int perMinute) {
        return new TopologyFixture(Map.of(
                "export-output-uri", "s3://glsmon-exports/sessions/{rule}/",
                "export-allowed-prefixes", "s3://glsmon-exports/sessions/",
                "export-error-rate", "true",
                "export-error-rate-cap", Integer.toString(CAP),
                "export-max-commands-per-minute", Integer.toString(perMinute)),
                new MicrometerProcessorMetrics(registry));
    }

    /** A candidate of session {@code partition-i} (its ARN hashes to that partition's task) in a location. */
    private static ExportCommand candidate(ExportRule rule, String location, int partition, int i) {
        String id = "p" + partition + "-" + rule.name().toLowerCase() + "-" + location + "-" + i;
        String arn = "arn:aws:gameliftstreams:" + location + ":111122223333:streamsession/sg-1AB2C3De4/" + id;
        return ExportCommand.newBuilder().setCommandId(arn + "#" + rule).setArn(arn).setSessionId(id)
                .setStreamGroupId("sg-1AB2C3De4").setLocation(location).setApplicationArn(TopologyFixture.APP)
                .setRule(rule.name()).setOutputUri("s3://glsmon-exports/sessions/" + rule.name().toLowerCase() + "/")
                .setStatusAtIssue("CONNECTED").setIssuedAt(Instant.EPOCH).build();
    }

    /**
     * Each of 6 tasks lets its own cap of 10 candidates per location through in one 1-minute window:
     * 60 for us-west-2, 60 for eu-central-1, interleaved as the tasks' outputs meet in the one partition.
     */
    private static List<ExportCommand> hotLocationsFromSixTasks(long seed) {
        List<ExportCommand> all = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < CAP; i++) {
                all.add(candidate(ExportRule.LOCATION_ERROR_RATE, "us-west-2", p, i));
                all.add(candidate(ExportRule.LOCATION_ERROR_RATE, "eu-central-1", p, i));
            }
        }
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    private double suppressed(String rule, String reason) {
        return registry.get("glsmon.export.commands.suppressed").tags("rule", rule, "reason", reason).counter().count();
    }

    private double issued(ExportRule rule) {
        return registry.get("glsmon.export.commands").tag("rule", rule.name()).counter().count();
    }

    private static long count(List<ExportCommand> commands, Predicate<ExportCommand> which) {
        return commands.stream().filter(which).count();
    }

    private static Predicate<ExportCommand> in(String location) {
        return c -> location.equals(c.getLocation());
    }

    @Test
    void theLocationCapHoldsPerLocationAndWindowAcrossAllPartitions() {
        try (TopologyFixture f = fixture(1000)) {
            List<ExportCommand> window1 = hotLocationsFromSixTasks(1);
            for (int i = 0; i < window1.size(); i++) {
                f.pipeCandidate(window1.get(i), t(60 + i * 50 / window1.size())); // all within [60 s, 120 s)
            }
            List<ExportCommand> out = f.commands();
            assertThat(count(out, in("us-west-2"))).as("us-west-2, first window, 6 tasks").isEqualTo(CAP);
            assertThat(count(out, in("eu-central-1"))).as("eu-central-1, first window, 6 tasks").isEqualTo(CAP);
            assertThat(out.stream().map(ExportCommand::getCommandId)).doesNotHaveDuplicates();
            assertThat(suppressed("LOCATION_ERROR_RATE", "location_cap")).isEqualTo(2.0 * (PARTITIONS - 1) * CAP);
            assertThat(issued(ExportRule.LOCATION_ERROR_RATE)).isEqualTo(2.0 * CAP);

            // the next window has its own cap; a straggler of the first window, arriving after it, still finds it full
            List<ExportCommand> window2 = hotLocationsFromSixTasks(2).stream()
                    .map(c -> ExportCommand.newBuilder(c).setCommandId(c.getCommandId() + "-w2").build()).toList();
            for (int i = 0; i < window2.size(); i++) {
                f.pipeCandidate(window2.get(i), t(120 + i * 50 / window2.size()));
                if (i == window2.size() / 2) {
                    f.pipeCandidate(candidate(ExportRule.LOCATION_ERROR_RATE, "us-west-2", 5, 99), t(119));
                }
            }
            out = f.commands();
            assertThat(count(out, in("us-west-2"))).as("us-west-2, second window").isEqualTo(CAP);
            assertThat(count(out, in("eu-central-1"))).as("eu-central-1, second window").isEqualTo(CAP);
            assertThat(suppressed("LOCATION_ERROR_RATE", "location_cap")).isEqualTo(4.0 * (PARTITIONS - 1) * CAP + 1);
        }
    }

    @Test
    void theCeilingHoldsCommandsOfAllRulesPerMinuteAcrossPartitionsAndCountsTheRest() {
        int perMinute = 25;
        try (TopologyFixture f = fixture(perMinute)) {
            // 6 tasks: 10 hot-location candidates each (their own caps) and 5 SAMPLE candidates each
            List<ExportCommand> minute = new ArrayList<>(hotLocationsFromSixTasks(3).stream()
                    .filter(c -> c.getLocation().equals("us-west-2")).toList());
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < 5; i++) {
                    minute.add(candidate(ExportRule.SAMPLE, "us-east-1", p, i));
                }
            }
            Collections.shuffle(minute, new Random(4));
            for (int i = 0; i < minute.size(); i++) {
                f.pipeCandidate(minute.get(i), t(60 + i * 50 / minute.size()));
            }
            List<ExportCommand> out = f.commands();
            Map<String, Long> byRule = out.stream().collect(Collectors.groupingBy(ExportCommand::getRule, Collectors.counting()));
            assertThat(out).as("the ceiling, all rules together").hasSize(perMinute);
            assertThat(byRule.get("LOCATION_ERROR_RATE")).as("the location cap inside the ceiling").isLessThanOrEqualTo(CAP);
            double heldByCap = suppressed("LOCATION_ERROR_RATE", "location_cap");
            double heldByCeiling = suppressed("LOCATION_ERROR_RATE", "ceiling") + suppressed("SAMPLE", "ceiling");
            assertThat(heldByCap + heldByCeiling + perMinute).as("every candidate let out or counted").isEqualTo(minute.size());
            assertThat(heldByCeiling).isPositive();
            assertThat(issued(ExportRule.SAMPLE) + issued(ExportRule.LOCATION_ERROR_RATE)).isEqualTo(perMinute);

            // a new minute: the ceiling opens again
            for (int p = 0; p < PARTITIONS; p++) {
                f.pipeCandidate(candidate(ExportRule.SAMPLE, "us-east-1", p, 100), t(125));
            }
            assertThat(f.commands()).as("a new minute").hasSize(PARTITIONS);
        }
    }

    @Test
    void aCandidateOlderThanTheCountsKeptIsHeldBackAsLate() {
        try (TopologyFixture f = fixture(1000)) {
            f.pipeCandidate(candidate(ExportRule.SAMPLE, "us-east-1", 0, 1), t(2 * 3600));
            f.pipeCandidate(candidate(ExportRule.SAMPLE, "us-east-1", 1, 1), t(30 * 60)); // 90 minutes behind
            f.pipeCandidate(candidate(ExportRule.SAMPLE, "us-east-1", 2, 1), t(90 * 60)); // 30 minutes behind: counted
            assertThat(f.commands()).extracting(ExportCommand::getSessionId)
                    .containsExactly("p0-sample-us-east-1-1", "p2-sample-us-east-1-1");
            assertThat(suppressed("SAMPLE", "late")).isEqualTo(1.0);
        }
    }
}
