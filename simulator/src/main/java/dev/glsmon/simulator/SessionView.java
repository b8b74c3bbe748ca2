package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import java.time.Instant;

/**
 * An immutable snapshot of one stream session as the simulator holds it: the same facts
 * GetStreamSession returns. Export fields are null until an export was requested.
 */
public record SessionView(
        String arn,
        String id,
        String streamGroupId,
        String location,
        String description,
        String userId,
        SessionStatus status,
        StatusReason statusReason,
        String applicationArn,
        Instant createdAt,
        Instant lastUpdatedAt,
        int connectionTimeoutSeconds,
        int sessionLengthSeconds,
        String signalRequest,
        String signalResponse,
        String logFileLocationUri,
        String webSdkProtocolUrl,
        ExportStatus exportStatus,
        String exportStatusReason,
        String exportOutputUri) {}
