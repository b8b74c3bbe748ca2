package dev.glsmon.processor.session;

import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;

/**
 * A 64-bit digest of the snapshot fields that {@link SessionLifecycle#onSnapshot} reads (everything
 * but observedAt and cycleId, which only label what a change emits). Two snapshots with the same
 * digest have the same effect on a session, so a repeat of the last applied snapshot can be skipped
 * without reading the store: most snapshots are such repeats.
 *
 * <p>FNV-1a over the fields; 0 is never returned (it means "no digest"). A collision would delay a
 * change until the next different snapshot; at 2^-64 per comparison it is not a practical concern.
 */
final class SnapshotDigest {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private SnapshotDigest() {}

    static long of(SessionSnapshot s) {
        long h = OFFSET;
        h = mix(h, s.getStatus());
        h = mix(h, s.getStatusReason());
        h = mix(h, s.getLastUpdatedAt());
        h = mix(h, s.getCreatedAt());
        h = mix(h, s.getLocation());
        h = mix(h, s.getApplicationArn());
        h = mix(h, s.getExportFilesStatus());
        h = mix(h, s.getExportFilesStatusReason());
        h = mix(h, s.getExportFilesOutputUri());
        h = mix(h, s.getSource());
        h = mix(h, s.getSessionId());
        h = mix(h, s.getStreamGroupId());
        h = (h ^ (s.getNotFound() ? 1 : 2)) * PRIME;
        return h == 0 ? 1 : h;
    }

    private static long mix(long h, String value) {
        if (value == null) {
            return (h ^ 0xff) * PRIME;
        }
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * PRIME;
        }
        return (h ^ 0xfe) * PRIME; // field separator: "ab","c" differs from "a","bc"
    }

    private static long mix(long h, Instant value) {
        if (value == null) {
            return (h ^ 0xff) * PRIME;
        }
        long millis = value.toEpochMilli();
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((millis >>> (8 * i)) & 0xff)) * PRIME;
        }
        return (h ^ 0xfe) * PRIME;
    }
}
