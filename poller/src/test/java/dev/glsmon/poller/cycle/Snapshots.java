package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;

/** Snapshots for unit tests. */
final class Snapshots {

    static final String ARN = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1/s-1";

    private Snapshots() {}

    static SessionSnapshot listed(String status) {
        return SessionSnapshot.newBuilder()
                .setArn(ARN)
                .setStreamGroupId("sg-1")
                .setSessionId("s-1")
                .setStatus(status)
                .setLocation("us-west-2")
                .setObservedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setCycleId("c")
                .setSource(Sources.LIST_STREAM_SESSIONS)
                .build();
    }

    static SessionSnapshot withReason(SessionSnapshot snapshot, String reason) {
        return SessionSnapshot.newBuilder(snapshot).setStatusReason(reason).build();
    }

    static SessionSnapshot withExport(SessionSnapshot snapshot, String status, String reason, String uri) {
        return SessionSnapshot.newBuilder(snapshot)
                .setExportFilesStatus(status)
                .setExportFilesStatusReason(reason)
                .setExportFilesOutputUri(uri)
                .build();
    }
}
