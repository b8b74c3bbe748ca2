package dev.glsmon.poller.cycle;

import dev.glsmon.poller.aws.SessionArn;
import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * SDK responses to {@link SessionSnapshot}s. Enumerated values are taken with the SDK's
 * {@code *AsString()} accessors, so a status this SDK does not know survives unchanged.
 */
public final class SnapshotMapper {

    /** The schema needs a status; a response without one is recorded as this rather than dropped. */
    static final String MISSING_STATUS = "UNKNOWN";

    private final String region;
    private final boolean keepSignalData;

    /**
     * @param region the Region of the polled endpoint, written into every snapshot
     * @param keepSignalData keep the WebRTC offer/answer (large, useless for monitoring)
     */
    public SnapshotMapper(String region, boolean keepSignalData) {
        this.region = region;
        this.keepSignalData = keepSignalData;
    }

    /**
     * A list item. {@code streamGroupId} is the polled group; the ARN's own group wins when it parses.
     *
     * @param statusReason the item's StatusReason where the listing carried one (the SDK's model lacks it), else null
     */
    public SessionSnapshot fromListing(StreamSessionSummary item, String statusReason, String streamGroupId,
            String cycleId, Instant observedAt, String source) {
        Optional<SessionArn> arn = SessionArn.parse(item.arn());
        SessionSnapshot.Builder builder = SessionSnapshot.newBuilder()
                .setArn(item.arn())
                .setStreamGroupId(arn.map(SessionArn::streamGroupId).orElse(streamGroupId))
                .setSessionId(arn.map(SessionArn::sessionId).orElse(item.arn()))
                .setStatus(orMissing(item.statusAsString()))
                .setStatusReason(statusReason)
                .setLocation(item.location())
                .setApplicationArn(item.applicationArn())
                .setUserId(item.userId())
                .setProtocol(item.protocolAsString())
                .setCreatedAt(item.createdAt())
                .setLastUpdatedAt(item.lastUpdatedAt())
                .setObservedAt(observedAt)
                .setCycleId(cycleId)
                .setSource(source)
                .setRegion(region)
                .setNotFound(false);
        export(builder, item.exportFilesMetadata());
        return builder.build();
    }

    /** A GetStreamSession answer: every field the API defines. */
    public SessionSnapshot fromGet(GetStreamSessionResponse response, String streamGroupId, String cycleId,
            Instant observedAt) {
        Optional<SessionArn> arn = SessionArn.parse(response.arn());
        String groupId = response.streamGroupId() != null
                ? response.streamGroupId()
                : arn.map(SessionArn::streamGroupId).orElse(streamGroupId);
        SessionSnapshot.Builder builder = SessionSnapshot.newBuilder()
                .setArn(response.arn())
                .setStreamGroupId(groupId)
                .setSessionId(arn.map(SessionArn::sessionId).orElse(response.arn()))
                .setStatus(orMissing(response.statusAsString()))
                .setStatusReason(response.statusReasonAsString())
                .setLocation(response.location())
                .setApplicationArn(response.applicationArn())
                .setUserId(response.userId())
                .setDescription(response.description())
                .setProtocol(response.protocolAsString())
                .setCreatedAt(response.createdAt())
                .setLastUpdatedAt(response.lastUpdatedAt())
                .setConnectionTimeoutSeconds(response.connectionTimeoutSeconds())
                .setSessionLengthSeconds(response.sessionLengthSeconds())
                .setAdditionalLaunchArgs(response.hasAdditionalLaunchArgs()
                        ? new ArrayList<>(response.additionalLaunchArgs()) : null)
                .setAdditionalEnvironmentVariables(response.hasAdditionalEnvironmentVariables()
                        ? new LinkedHashMap<>(response.additionalEnvironmentVariables()) : null)
                // SDK 2.40.x has no PerformanceStatsConfiguration: performanceStatsSharedWithClient stays null
                .setLogFileLocationUri(response.logFileLocationUri())
                .setWebSdkProtocolUrl(response.webSdkProtocolUrl())
                .setSignalRequest(keepSignalData ? response.signalRequest() : null)
                .setSignalResponse(keepSignalData ? response.signalResponse() : null)
                .setObservedAt(observedAt)
                .setCycleId(cycleId)
                .setSource(Sources.GET_STREAM_SESSION)
                .setRegion(region)
                .setNotFound(false);
        export(builder, response.exportFilesMetadata());
        return builder.build();
    }

    /**
     * GetStreamSession answered 404 for a session listed before: it is gone. The snapshot repeats
     * the last known fields (status included) and says so with {@code notFound=true}.
     */
    public SessionSnapshot notFound(SessionSnapshot last, String cycleId, Instant observedAt) {
        return SessionSnapshot.newBuilder(last)
                .setObservedAt(observedAt)
                .setCycleId(cycleId)
                .setSource(Sources.GET_STREAM_SESSION)
                .setRegion(region)
                .setNotFound(true)
                .build();
    }

    private static void export(SessionSnapshot.Builder builder, ExportFilesMetadata export) {
        if (export == null) {
            return;
        }
        builder.setExportFilesStatus(export.statusAsString())
                .setExportFilesStatusReason(export.statusReason())
                .setExportFilesOutputUri(export.outputUri());
    }

    private static String orMissing(String status) {
        return status == null ? MISSING_STATUS : status;
    }
}
