package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

class SnapshotMapperTest {

    private static final String ARN = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-7/abc";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");
    private final SnapshotMapper mapper = new SnapshotMapper("us-west-2", false);

    @Test
    void carriesUnknownEnumValuesAsTheyCame() {
        StreamSessionSummary item = StreamSessionSummary.builder()
                .arn(ARN)
                .status("HIBERNATING")
                .protocol("WebTransport")
                .exportFilesMetadata(ExportFilesMetadata.builder().status("ARCHIVED").build())
                .build();

        SessionSnapshot snapshot = mapper.fromListing(item, null, "sg-7", "c1", NOW, Sources.LIST_STREAM_SESSIONS);

        assertThat(snapshot.getStatus()).isEqualTo("HIBERNATING");
        assertThat(snapshot.getProtocol()).isEqualTo("WebTransport");
        assertThat(snapshot.getExportFilesStatus()).isEqualTo("ARCHIVED");
    }

    @Test
    void mapsAListItemWithWhereAndWhenItWasSeen() {
        StreamSessionSummary item = StreamSessionSummary.builder()
                .arn(ARN)
                .userId("user-1")
                .status("CONNECTED")
                .protocol("WebRTC")
                .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
                .lastUpdatedAt(Instant.parse("2026-01-01T00:00:05Z"))
                .applicationArn("arn:aws:gameliftstreams:us-west-2:111122223333:application/a-1")
                .location("eu-central-1")
                .exportFilesMetadata(ExportFilesMetadata.builder().status("PENDING").outputUri("s3://b/p/").build())
                .build();

        SessionSnapshot snapshot = mapper.fromListing(item, null, "ignored", "c1", NOW, Sources.LIST_STREAM_SESSIONS);

        assertThat(snapshot.getArn()).isEqualTo(ARN);
        assertThat(snapshot.getStreamGroupId()).as("from the ARN").isEqualTo("sg-7");
        assertThat(snapshot.getSessionId()).isEqualTo("abc");
        assertThat(snapshot.getUserId()).isEqualTo("user-1");
        assertThat(snapshot.getStatusReason()).isNull();
        assertThat(snapshot.getCreatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(snapshot.getLastUpdatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(snapshot.getLocation()).isEqualTo("eu-central-1");
        assertThat(snapshot.getExportFilesOutputUri()).isEqualTo("s3://b/p/");
        assertThat(snapshot.getObservedAt()).isEqualTo(NOW);
        assertThat(snapshot.getCycleId()).isEqualTo("c1");
        assertThat(snapshot.getSource()).isEqualTo("ListStreamSessions");
        assertThat(snapshot.getRegion()).isEqualTo("us-west-2");
        assertThat(snapshot.getNotFound()).isFalse();
    }

    @Test
    void keepsEveryFieldOfGetStreamSessionButTheSignalData() {
        GetStreamSessionResponse response = GetStreamSessionResponse.builder()
                .arn(ARN)
                .streamGroupId("sg-7")
                .status("TERMINATED")
                .statusReason("applicationExit")
                .description("d")
                .connectionTimeoutSeconds(120)
                .sessionLengthSeconds(3600)
                .additionalLaunchArgs(List.of("-x"))
                .additionalEnvironmentVariables(Map.of("K", "V"))
                .signalRequest("offer")
                .signalResponse("answer")
                .logFileLocationUri("s3://logs/")
                .webSdkProtocolUrl("https://x")
                .build();

        SessionSnapshot snapshot = mapper.fromGet(response, "sg-7", "c1", NOW);

        assertThat(snapshot.getSource()).isEqualTo("GetStreamSession");
        assertThat(snapshot.getStatusReason()).isEqualTo("applicationExit");
        assertThat(snapshot.getDescription()).isEqualTo("d");
        assertThat(snapshot.getConnectionTimeoutSeconds()).isEqualTo(120);
        assertThat(snapshot.getSessionLengthSeconds()).isEqualTo(3600);
        assertThat(snapshot.getAdditionalLaunchArgs()).containsExactly("-x");
        assertThat(snapshot.getAdditionalEnvironmentVariables()).containsEntry("K", "V");
        assertThat(snapshot.getLogFileLocationUri()).isEqualTo("s3://logs/");
        assertThat(snapshot.getWebSdkProtocolUrl()).isEqualTo("https://x");
        assertThat(snapshot.getSignalRequest()).isNull();
        assertThat(snapshot.getSignalResponse()).isNull();
        assertThat(new SnapshotMapper("us-west-2", true).fromGet(response, "sg-7", "c1", NOW).getSignalRequest())
                .isEqualTo("offer");
    }

    @Test
    void aGoneSessionRepeatsItsLastKnownFields() {
        SessionSnapshot last = Snapshots.withReason(Snapshots.listed("CONNECTED"), null);

        SessionSnapshot gone = mapper.notFound(last, "c2", NOW);

        assertThat(gone.getNotFound()).isTrue();
        assertThat(gone.getStatus()).isEqualTo("CONNECTED");
        assertThat(gone.getLocation()).isEqualTo(last.getLocation());
        assertThat(gone.getCycleId()).isEqualTo("c2");
        assertThat(gone.getObservedAt()).isEqualTo(NOW);
        assertThat(gone.getSource()).isEqualTo("GetStreamSession");
    }
}
