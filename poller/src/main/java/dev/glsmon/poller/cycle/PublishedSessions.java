package dev.glsmon.poller.cycle;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.schemas.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the poller last published per session, read back from the (compacted) snapshot topic after a restart,
 * so that its first cycle knows what it knew: it asks no Get for an end it already reported, and a
 * session that went away while it was down is settled (a Get) rather than left to the processor's
 * VANISHED safety net.
 *
 * <p>The topic keeps a day of sessions, most of them long over (some 5 M a day at 100,000 live
 * sessions). A session reported gone, or one that ended with its final state known longer than
 * {@link #ENDED_KEPT} before the newest snapshot read, is not remembered: the API lists an ended
 * session for minutes, not an hour, so no cycle will meet it again, and it needs no Get.
 */
public final class PublishedSessions {

    /** Well beyond the time the API keeps an ended session listed (minutes). */
    static final Duration ENDED_KEPT = Duration.ofHours(1);

    private final Map<String, SessionSnapshot> latest = new HashMap<>();
    private Instant newest = Instant.MIN;

    /** A snapshot in topic order (one session's snapshots share a partition, so the last one wins). */
    public void add(SessionSnapshot snapshot) {
        if (snapshot.getObservedAt() != null && snapshot.getObservedAt().isAfter(newest)) {
            newest = snapshot.getObservedAt();
        }
        if (over(snapshot)) {
            latest.remove(snapshot.getArn());
        } else {
            latest.put(snapshot.getArn(), snapshot);
        }
    }

    public int size() {
        return latest.size();
    }

    /** Gone, or ended with its final state known long enough before the newest snapshot read. */
    private boolean over(SessionSnapshot last) {
        if (last.getNotFound()) {
            return true;
        }
        boolean finalStateKnown = SessionStatus.isEnded(last.getStatus())
                && (last.getStatusReason() != null || Sources.GET_STREAM_SESSION.equals(last.getSource()));
        return finalStateKnown && last.getObservedAt() != null
                && last.getObservedAt().isBefore(newest.minus(ENDED_KEPT));
    }

    /**
     * The memory the cycles would have built: per stream group, every session not over, with its
     * reason and export details counted as asked for where a snapshot already carried them (or came
     * from GetStreamSession, whose answer is final).
     */
    Map<String, Map<String, KnownSession>> byGroup() {
        Map<String, Map<String, KnownSession>> groups = new HashMap<>();
        for (SessionSnapshot last : latest.values()) {
            if (over(last) || last.getStreamGroupId() == null) {
                continue;
            }
            boolean fetched = Sources.GET_STREAM_SESSION.equals(last.getSource());
            String reasonAskedFor = SessionStatus.isEnded(last.getStatus())
                    && (fetched || last.getStatusReason() != null) ? last.getStatus() : null;
            boolean exportDetails = last.getExportFilesOutputUri() != null || last.getExportFilesStatusReason() != null;
            String exportAskedFor = fetched || exportDetails ? last.getExportFilesStatus() : null;
            groups.computeIfAbsent(last.getStreamGroupId(), g -> new HashMap<>())
                    .put(last.getArn(), new KnownSession(last, reasonAskedFor, exportAskedFor));
        }
        return groups;
    }
}
