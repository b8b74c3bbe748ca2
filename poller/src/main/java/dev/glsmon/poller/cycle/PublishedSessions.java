package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * What the poller last published per session, read back from the (compacted) snapshot topic after a restart,
 * so that its first cycle knows what it knew: it asks no Get for an end it already reported, and a
 * session that went away while it was down is settled (a Get) rather than left to the processor's
 * VANISHED safety net.
 */
public final class PublishedSessions {

    private final Map<String, SessionSnapshot> latest = new HashMap<>();

    /** A snapshot in topic order (one session's snapshots share a partition, so the last one wins). */
    public void add(SessionSnapshot snapshot) {
        latest.put(snapshot.getArn(), snapshot);
    }

    public int size() {
        return latest.size();
    }

    /**
     * The memory the cycles would have built: per stream group, every session not reported gone,
     * with its reason and export details counted as asked for where a snapshot already carried
     * them (or came from GetStreamSession, whose answer is final).
     */
    Map<String, Map<String, KnownSession>> byGroup() {
        Map<String, Map<String, KnownSession>> groups = new HashMap<>();
        for (SessionSnapshot last : latest.values()) {
            if (last.getNotFound() || last.getStreamGroupId() == null) {
                continue;
            }
            boolean fetched = Sources.GET_STREAM_SESSION.equals(last.getSource());
            String reasonAskedFor = EnrichmentPlanner.isTerminal(last.getStatus())
                    && (fetched || last.getStatusReason() != null) ? last.getStatus() : null;
            boolean exportDetails = last.getExportFilesOutputUri() != null || last.getExportFilesStatusReason() != null;
            String exportAskedFor = fetched || exportDetails ? last.getExportFilesStatus() : null;
            groups.computeIfAbsent(last.getStreamGroupId(), g -> new HashMap<>())
                    .put(last.getArn(), new KnownSession(last, reasonAskedFor, exportAskedFor));
        }
        return groups;
    }
}
