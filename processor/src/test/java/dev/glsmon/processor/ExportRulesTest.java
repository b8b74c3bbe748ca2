package dev.glsmon.processor;

import static dev.glsmon.processor.Steps.SESSION;
import static dev.glsmon.processor.Steps.s;
import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.export.ExportCommands;
import dev.glsmon.processor.export.ExportRules;
import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.schemas.ExportCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md "Export commands": rules on in-progress signals, one command per session, allow-listed URIs. */
class ExportRulesTest {

    private static Map<String, String> rules(String... settings) {
        Map<String, String> map = new HashMap<>(Map.of(
                "export-output-uri", "s3://glsmon-exports/sessions/{rule}/",
                "export-allowed-prefixes", "s3://glsmon-exports/sessions/"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return map;
    }

    @Test
    void exportsASessionWhoseClientDisconnectsOnce() {
        try (TopologyFixture fixture = new TopologyFixture(rules("export-client-disconnect", "true"))) {
            Steps.run(fixture, List.of(s("ACTIVE", 0), s("CONNECTED", 10), s("PENDING_CLIENT_RECONNECTION", 20)));

            ExportCommand command = fixture.commands().get(0);
            assertThat(command.getRule()).isEqualTo("CLIENT_DISCONNECT");
            assertThat(command.getArn()).isEqualTo(TopologyFixture.arn(SESSION));
            assertThat(command.getSessionId()).isEqualTo(SESSION);
            assertThat(command.getStreamGroupId()).isEqualTo(TopologyFixture.GROUP);
            assertThat(command.getLocation()).isEqualTo(TopologyFixture.LOCATION);
            assertThat(command.getApplicationArn()).isEqualTo(TopologyFixture.APP);
            assertThat(command.getOutputUri()).isEqualTo("s3://glsmon-exports/sessions/client-disconnect/");
            assertThat(command.getStatusAtIssue()).isEqualTo("PENDING_CLIENT_RECONNECTION");
            assertThat(command.getIssuedAt()).isEqualTo(fixture.now());
            assertThat(command.getCommandId())
                    .isEqualTo(ExportCommands.commandId(TopologyFixture.arn(SESSION), ExportRule.CLIENT_DISCONNECT))
                    .isEqualTo(java.util.UUID.nameUUIDFromBytes(
                            (TopologyFixture.arn(SESSION) + "|CLIENT_DISCONNECT").getBytes()).toString());

            Steps.run(fixture, List.of(s("RECONNECTING", 30), s("CONNECTED", 40), s("PENDING_CLIENT_RECONNECTION", 50)));
            assertThat(fixture.commands()).as("at most one command per session").isEmpty();
            assertThat(fixture.session(SESSION).getExportRule()).isEqualTo("CLIENT_DISCONNECT");
        }
    }

    @Test
    void exportsListedApplicationsWhenTheirSessionsAreInProgress() {
        try (TopologyFixture fixture = new TopologyFixture(rules("export-applications", TopologyFixture.APP))) {
            fixture.advance(Duration.ofSeconds(1));
            fixture.pipe(snapshot("listed", "ACTIVATING"));
            assertThat(fixture.commands()).as("not in progress yet").isEmpty();
            fixture.pipe(snapshot("listed", "ACTIVE").setLastUpdatedAt(t(1)));
            fixture.pipe(snapshot("other-app", "ACTIVE").setApplicationArn("arn:aws:gameliftstreams:us-west-2:1:application/a-other"));
            fixture.pipe(snapshot("ended-before-seen", "TERMINATED").setStatusReason("idleTimeout"));

            assertThat(fixture.commands()).extracting(ExportCommand::getSessionId, ExportCommand::getRule,
                            ExportCommand::getStatusAtIssue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("listed", "APPLICATION", "ACTIVE"));
        }
    }

    @Test
    void samplesSessionsByAHashOfTheirArn() {
        try (TopologyFixture fixture = new TopologyFixture(rules("export-sample-rate", "0.3"))) {
            List<String> ids = IntStream.range(0, 200).mapToObj(i -> "s" + i).toList();
            fixture.advance(Duration.ofSeconds(1));
            ids.forEach(id -> fixture.pipe(snapshot(id, "CONNECTED")));

            List<String> sampled = fixture.commands().stream().map(ExportCommand::getSessionId).toList();
            assertThat(sampled).containsExactlyElementsOf(
                    ids.stream().filter(id -> ExportRules.sampled(TopologyFixture.arn(id), 0.3)).toList());
            assertThat(sampled.size()).isBetween(40, 80);
        }
    }

    @Test
    void exportsInProgressSessionsOfALocationWhoseErrorRatioCrossesTheThresholdUpToTheCap() {
        try (TopologyFixture fixture = new TopologyFixture(rules("export-error-rate", "true",
                "export-error-rate-threshold", "0.5", "export-error-rate-min-terminations", "3",
                "export-error-rate-cap", "2", "windows", "1m"))) {
            fixture.at(t(1));
            for (String id : List.of("a", "b", "c", "d")) {
                fixture.pipe(snapshot(id, "CONNECTED"));
            }
            fixture.pipe(snapshot("elsewhere", "CONNECTED").setLocation("eu-west-1"));
            fixture.cycle();
            fixture.at(t(10));
            fixture.pipe(snapshot("x", "ERROR").setStatusReason("internalError").setLastUpdatedAt(t(9)));
            fixture.pipe(snapshot("y", "ERROR").setStatusReason("internalError").setLastUpdatedAt(t(9)));
            assertThat(fixture.commands()).as("two terminations: under the minimum").isEmpty();
            fixture.pipe(snapshot("z", "TERMINATED").setStatusReason("applicationExit").setLastUpdatedAt(t(9)));
            fixture.cycle(); // the marker refreshes which locations are hot

            fixture.advance(Duration.ofSeconds(5));
            for (String id : List.of("a", "b", "c", "d", "elsewhere")) {
                fixture.pipe(snapshot(id, "CONNECTED"));
            }

            assertThat(fixture.commands()).extracting(ExportCommand::getSessionId, ExportCommand::getRule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "LOCATION_ERROR_RATE"),
                            org.assertj.core.groups.Tuple.tuple("b", "LOCATION_ERROR_RATE"));
        }
    }

    @Test
    void doesNotCountUnknownEndsTowardsTheErrorRateRulesMinimum() {
        try (TopologyFixture fixture = new TopologyFixture(rules("export-error-rate", "true",
                "export-error-rate-threshold", "0.5", "export-error-rate-min-terminations", "3",
                "windows", "1m", "reason-wait-cycles", "0"))) {
            fixture.at(t(1));
            fixture.pipe(snapshot("a", "CONNECTED"));
            fixture.cycle();
            fixture.at(t(10));
            // one crash among endings glsmon cannot judge: 4 terminations, but only 1 the ratio is taken over
            fixture.pipe(snapshot("x", "TERMINATED").setStatusReason("applicationExit").setLastUpdatedAt(t(9)));
            fixture.pipe(snapshot("y", "TERMINATED").setLastUpdatedAt(t(9)));
            fixture.pipe(snapshot("z", "TERMINATED").setLastUpdatedAt(t(9)));
            fixture.pipe(snapshot("w", "TERMINATED").setStatusReason("aReasonFromANewerApi").setLastUpdatedAt(t(9)));
            fixture.cycle();

            fixture.advance(Duration.ofSeconds(5));
            fixture.pipe(snapshot("a", "CONNECTED"));

            assertThat(fixture.liveRatesStore().get("us-west-2|1m").getUnknown()).isEqualTo(3);
            assertThat(fixture.commands()).as("1 known termination: under the minimum of 3").isEmpty();
        }
    }

    @Test
    void firesOneRuleOnlyWhenSeveralApply() {
        try (TopologyFixture fixture = new TopologyFixture(rules("export-client-disconnect", "true",
                "export-applications", TopologyFixture.APP, "export-sample-rate", "1"))) {
            Steps.run(fixture, List.of(s("ACTIVE", 0), s("CONNECTED", 10), s("PENDING_CLIENT_RECONNECTION", 20)));

            assertThat(fixture.commands()).singleElement().extracting(ExportCommand::getRule).isEqualTo("APPLICATION");
        }
    }

    @Test
    void refusesAndCountsACommandWhoseUriWouldLeaveTheAllowList() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, String> settings = Map.of(
                "export-output-uri", "s3://glsmon-exports/{location}/",
                "export-allowed-prefixes", "s3://glsmon-exports/",
                "export-client-disconnect", "true");
        try (TopologyFixture fixture = new TopologyFixture(settings, new MicrometerProcessorMetrics(registry))) {
            fixture.advance(Duration.ofSeconds(1));
            fixture.pipe(snapshot("fine", "CONNECTED"));
            fixture.pipe(snapshot("odd", "CONNECTED").setLocation("../other-bucket"));
            fixture.advance(Duration.ofSeconds(1));
            fixture.pipe(snapshot("fine", "PENDING_CLIENT_RECONNECTION").setLastUpdatedAt(t(1)));
            fixture.pipe(snapshot("odd", "PENDING_CLIENT_RECONNECTION").setLocation("../other-bucket").setLastUpdatedAt(t(1)));
            fixture.advance(Duration.ofSeconds(1));
            fixture.pipe(snapshot("odd", "RECONNECTING").setLocation("../other-bucket").setLastUpdatedAt(t(2)));
            fixture.pipe(snapshot("odd", "PENDING_CLIENT_RECONNECTION").setLocation("../other-bucket").setLastUpdatedAt(t(3)));

            assertThat(fixture.commands()).extracting(ExportCommand::getSessionId, ExportCommand::getOutputUri)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("fine", "s3://glsmon-exports/us-west-2/"));
            assertThat(registry.get("glsmon.export.commands.refused").tag("rule", "CLIENT_DISCONNECT").counter().count())
                    .as("refused once: the decision is remembered like a command").isEqualTo(1.0);
            assertThat(fixture.session("odd").getExportRule()).isEqualTo("CLIENT_DISCONNECT");
            assertThat(fixture.session("odd").getExportCommandId()).isNull();
        }
    }

    @Test
    void countsExportFileOutcomesSeenInSnapshots() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyFixture fixture = new TopologyFixture(Map.of(), new MicrometerProcessorMetrics(registry))) {
            fixture.advance(Duration.ofSeconds(1));
            fixture.pipe(snapshot(SESSION, "CONNECTED"));
            fixture.pipe(snapshot(SESSION, "CONNECTED").setExportFilesStatus("PENDING"));
            fixture.pipe(snapshot(SESSION, "CONNECTED").setExportFilesStatus("PENDING"));
            fixture.pipe(snapshot(SESSION, "TERMINATED").setStatusReason("idleTimeout").setLastUpdatedAt(t(1))
                    .setExportFilesStatus("SUCCEEDED"));

            assertThat(registry.get("glsmon.export.files").tag("status", "PENDING").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("glsmon.export.files").tag("status", "SUCCEEDED").counter().count()).isEqualTo(1.0);
            assertThat(fixture.terminations().get(0).getExportFilesStatus()).isEqualTo("SUCCEEDED");
        }
    }
}
