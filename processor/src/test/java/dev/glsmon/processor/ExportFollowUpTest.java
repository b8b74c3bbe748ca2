package dev.glsmon.processor;

import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.processor.export.ExportCommands;
import dev.glsmon.processor.metrics.MicrometerProcessorMetrics;
import dev.glsmon.schemas.ExportResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md "Exports followed to the end": one FINAL result per command. */
class ExportFollowUpTest {

    private static final String ZIP = "s3://glsmon-exports/sessions/client-disconnect/20261123-101000-a-9ZY8X7Wv6-sg-1AB2C3De4-s1.zip";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private TopologyFixture fixture(String... settings) {
        Map<String, String> map = new HashMap<>(Map.of(
                "export-output-uri", "s3://glsmon-exports/sessions/{rule}/",
                "export-allowed-prefixes", "s3://glsmon-exports/sessions/",
                "export-client-disconnect", "true"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new TopologyFixture(map, new MicrometerProcessorMetrics(registry));
    }

    /** Connected, then a client drop (the command), then the export pending while the session runs on. */
    private static void disconnectAndExport(TopologyFixture f, String id) {
        f.advance(Duration.ofSeconds(1));
        f.pipe(snapshot(id, "CONNECTED"));
        f.advance(Duration.ofSeconds(1));
        f.pipe(snapshot(id, "PENDING_CLIENT_RECONNECTION").setLastUpdatedAt(t(1)));
        f.advance(Duration.ofSeconds(1));
        f.pipe(snapshot(id, "PENDING_CLIENT_RECONNECTION").setLastUpdatedAt(t(2)).setExportFilesStatus("PENDING")
                .setExportFilesOutputUri("s3://glsmon-exports/sessions/client-disconnect/"));
    }

    @Test
    void aRequestedExportEndsInOneFinalResultWithTheZipTheServiceReports() {
        try (TopologyFixture f = fixture()) {
            disconnectAndExport(f, "s1");
            assertThat(f.exportResults()).as("pending: not final").isEmpty();

            f.advance(Duration.ofSeconds(60));
            f.pipe(snapshot("s1", "TERMINATED").setStatusReason("reconnectionTimeout").setLastUpdatedAt(t(60))
                    .setExportFilesStatus("PENDING").setExportFilesOutputUri("s3://glsmon-exports/sessions/client-disconnect/"));
            f.advance(Duration.ofSeconds(30));
            f.pipe(snapshot("s1", "TERMINATED").setStatusReason("reconnectionTimeout").setLastUpdatedAt(t(90))
                    .setExportFilesStatus("SUCCEEDED").setExportFilesOutputUri(ZIP));
            f.advance(Duration.ofSeconds(1));
            f.pipe(snapshot("s1", "TERMINATED").setStatusReason("reconnectionTimeout").setLastUpdatedAt(t(90))
                    .setExportFilesStatus("SUCCEEDED").setExportFilesOutputUri(ZIP).setSource("GetStreamSession"));

            ExportResult result = f.exportResults().stream().filter(r -> r.getStage().equals("FINAL"))
                    .reduce((a, b) -> { throw new AssertionError("two final results: " + a + " and " + b); })
                    .orElseThrow();
            assertThat(result.getCommandId()).isEqualTo(
                    ExportCommands.commandId(TopologyFixture.arn("s1"), ExportRule.CLIENT_DISCONNECT));
            assertThat(result.getOutcome()).isEqualTo("EXPORT_SUCCEEDED");
            assertThat(result.getExportStatus()).isEqualTo("SUCCEEDED");
            assertThat(result.getOutputUri()).isEqualTo(ZIP);
            assertThat(result.getRule()).isEqualTo("CLIENT_DISCONNECT");
            assertThat(result.getIssuedAt()).isEqualTo(TopologyFixture.T0.plusSeconds(2));
            assertThat(registry.get("glsmon.export.final.results").tags("rule", "CLIENT_DISCONNECT",
                    "outcome", "EXPORT_SUCCEEDED").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("glsmon.export.time.to.final").tag("rule", "CLIENT_DISCONNECT").timer()
                    .totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(91.0);
        }
    }

    @Test
    void aFailedExportCarriesTheServicesReason() {
        try (TopologyFixture f = fixture()) {
            disconnectAndExport(f, "s1");
            f.advance(Duration.ofSeconds(60));
            f.pipe(snapshot("s1", "ERROR").setStatusReason("internalError").setLastUpdatedAt(t(60))
                    .setExportFilesStatus("FAILED").setExportFilesStatusReason("Unable to collect the exported files")
                    .setExportFilesOutputUri("s3://glsmon-exports/sessions/client-disconnect/"));

            assertThat(f.exportResults()).singleElement().satisfies(r -> {
                assertThat(r.getOutcome()).isEqualTo("EXPORT_FAILED");
                assertThat(r.getExportStatusReason()).isEqualTo("Unable to collect the exported files");
            });
        }
    }

    @Test
    void anAccountListingsBareStatusWaitsForTheDetailsOfTheGet() {
        try (TopologyFixture f = fixture()) {
            disconnectAndExport(f, "s1");
            f.advance(Duration.ofSeconds(60));
            f.pipe(snapshot("s1", "TERMINATED").setStatusReason(null).setLastUpdatedAt(t(60))
                    .setExportFilesStatus("SUCCEEDED").setSource("ListStreamSessionsByAccount"));
            assertThat(f.exportResults()).as("no OutputUri yet").isEmpty();

            f.advance(Duration.ofSeconds(1));
            f.pipe(snapshot("s1", "TERMINATED").setStatusReason("reconnectionTimeout").setLastUpdatedAt(t(60))
                    .setExportFilesStatus("SUCCEEDED").setExportFilesOutputUri(ZIP).setSource("GetStreamSession"));

            assertThat(f.exportResults()).singleElement().extracting(ExportResult::getOutputUri).isEqualTo(ZIP);
        }
    }

    @Test
    void aSessionGoneWithItsExportPendingEndsAsUnknown() {
        try (TopologyFixture f = fixture()) {
            disconnectAndExport(f, "s1");
            f.advance(Duration.ofSeconds(60));
            f.pipe(snapshot("s1", "PENDING_CLIENT_RECONNECTION").setLastUpdatedAt(t(2)).setNotFound(true));

            assertThat(f.exportResults()).singleElement().satisfies(r -> {
                assertThat(r.getOutcome()).isEqualTo("EXPORT_UNKNOWN");
                assertThat(r.getExportStatus()).isNull();
            });
        }
    }

    @Test
    void noFinalResultForAnExportGlsmonDidNotCommand() {
        try (TopologyFixture f = fixture()) {
            f.advance(Duration.ofSeconds(1));
            f.pipe(snapshot("s1", "CONNECTED").setExportFilesStatus("PENDING"));
            f.advance(Duration.ofSeconds(60));
            f.pipe(snapshot("s1", "TERMINATED").setStatusReason("applicationExit").setLastUpdatedAt(t(60))
                    .setExportFilesStatus("SUCCEEDED").setExportFilesOutputUri(ZIP));

            assertThat(f.exportResults()).isEmpty();
        }
    }
}
