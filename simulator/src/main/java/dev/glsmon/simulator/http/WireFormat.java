package dev.glsmon.simulator.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StreamGroupView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Resources as the service's REST-JSON protocol writes them: PascalCase members, timestamps as
 * epoch seconds with a millisecond fraction (the protocol default; the model sets no other format),
 * absent members left out rather than null.
 */
final class WireFormat {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFormat() {}

    /** GetStreamSession: every member of the resource. */
    static ObjectNode session(SessionView s) {
        ObjectNode n = NODES.objectNode();
        n.put("Arn", s.arn());
        n.put("Description", s.description());
        n.put("StreamGroupId", s.streamGroupId());
        n.put("UserId", s.userId());
        n.put("Status", s.status().name());
        if (s.statusReason() != null) {
            n.put("StatusReason", s.statusReason().wire());
        }
        n.put("Protocol", "WebRTC");
        n.put("Location", s.location());
        n.put("SignalRequest", s.signalRequest());
        if (s.signalResponse() != null) {
            n.put("SignalResponse", s.signalResponse());
        }
        n.put("ConnectionTimeoutSeconds", s.connectionTimeoutSeconds());
        n.put("SessionLengthSeconds", s.sessionLengthSeconds());
        n.putArray("AdditionalLaunchArgs");
        n.putObject("AdditionalEnvironmentVariables");
        n.putObject("PerformanceStatsConfiguration").put("SharedWithClient", false);
        n.put("LogFileLocationUri", s.logFileLocationUri());
        n.put("WebSdkProtocolUrl", s.webSdkProtocolUrl());
        n.put("LastUpdatedAt", timestamp(s.lastUpdatedAt()));
        n.put("CreatedAt", timestamp(s.createdAt()));
        n.put("ApplicationArn", s.applicationArn());
        exportMetadata(n, s, true);
        return n;
    }

    /**
     * A ListStreamSessions item. The per-group listing carries StatusReason and the whole export
     * metadata (API reference); the account-wide one neither the reason nor more than the export
     * Status.
     */
    static ObjectNode sessionSummary(SessionView s, boolean accountWide) {
        ObjectNode n = NODES.objectNode();
        n.put("Arn", s.arn());
        n.put("UserId", s.userId());
        n.put("Status", s.status().name());
        if (!accountWide && s.statusReason() != null) {
            n.put("StatusReason", s.statusReason().wire());
        }
        n.put("Protocol", "WebRTC");
        n.put("LastUpdatedAt", timestamp(s.lastUpdatedAt()));
        n.put("CreatedAt", timestamp(s.createdAt()));
        n.put("ApplicationArn", s.applicationArn());
        exportMetadata(n, s, !accountWide);
        n.put("Location", s.location());
        return n;
    }

    static ObjectNode streamGroupSummary(StreamGroupView g) {
        ObjectNode n = NODES.objectNode();
        n.put("Arn", g.arn());
        n.put("Id", g.id());
        n.put("Description", g.description());
        defaultApplication(n, g);
        n.put("StreamClass", g.streamClass());
        n.put("Status", g.status().name());
        n.put("CreatedAt", timestamp(g.createdAt()));
        n.put("LastUpdatedAt", timestamp(g.lastUpdatedAt()));
        n.put("ExpiresAt", timestamp(expiresAt(g)));
        return n;
    }

    /**
     * GetStreamGroup. {@code TargetIdleCapacity} and {@code MaximumCapacity} belong to the current API
     * (LocationConfiguration's capacity settings, shown back in LocationState) but not to SDK for Java
     * 2.40.2's model, which ignores them.
     */
    static ObjectNode streamGroup(StreamGroupView g) {
        ObjectNode n = NODES.objectNode();
        n.put("Arn", g.arn());
        n.put("Description", g.description());
        defaultApplication(n, g);
        var states = n.putArray("LocationStates");
        for (StreamGroupView.Location loc : g.locations()) {
            ObjectNode state = states.addObject();
            state.put("LocationName", loc.name());
            state.put("Status", loc.status().name());
            state.put("AlwaysOnCapacity", loc.alwaysOn());
            state.put("OnDemandCapacity", loc.onDemand());
            state.put("TargetIdleCapacity", loc.targetIdle());
            state.put("MaximumCapacity", loc.maximum());
            state.put("RequestedCapacity", loc.requested());
            state.put("AllocatedCapacity", loc.allocated());
            state.put("IdleCapacity", loc.idle());
        }
        n.put("StreamClass", g.streamClass());
        n.put("Id", g.id());
        n.put("Status", g.status().name());
        if (g.statusReason() != null) {
            n.put("StatusReason", g.statusReason());
        }
        n.put("LastUpdatedAt", timestamp(g.lastUpdatedAt()));
        n.put("CreatedAt", timestamp(g.createdAt()));
        n.put("ExpiresAt", timestamp(expiresAt(g)));
        n.putArray("AssociatedApplications").add(g.applicationArn());
        return n;
    }

    /** The simulator's choice of expiry (the service sets one for groups that will expire): a year after creation. */
    private static Instant expiresAt(StreamGroupView g) {
        return g.createdAt().plus(Duration.ofDays(365));
    }

    private static void defaultApplication(ObjectNode n, StreamGroupView g) {
        String arn = g.applicationArn();
        n.putObject("DefaultApplication").put("Id", arn.substring(arn.lastIndexOf('/') + 1)).put("Arn", arn);
    }

    private static void exportMetadata(ObjectNode n, SessionView s, boolean full) {
        if (s.exportStatus() == null) {
            return;
        }
        ObjectNode meta = n.putObject("ExportFilesMetadata");
        meta.put("Status", s.exportStatus().name());
        if (full && s.exportStatusReason() != null) {
            meta.put("StatusReason", s.exportStatusReason());
        }
        if (full && s.exportOutputUri() != null) {
            meta.put("OutputUri", s.exportOutputUri());
        }
    }

    /** Epoch seconds with a millisecond fraction, e.g. {@code 1767225600.123}. */
    static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
