package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the fast lane saw last: per session in a watched status, the status and LastUpdatedAt it
 * published. A session is published again only when either changed, so a session that sits in
 * ERROR for the listing's retention is published once, not every second. Bounded by the sessions
 * in watched statuses: one that a complete fast sweep no longer lists is forgotten (it left for a
 * status the full sweep reports; absence from a filtered listing says nothing else).
 */
final class FastLaneView {

    private record Seen(String status, Instant lastUpdatedAt) {}

    private final Map<String, Seen> seen = new HashMap<>();

    /** Whether this listed snapshot says something the fast lane has not published. */
    boolean isNew(SessionSnapshot listed) {
        Seen last = seen.get(listed.getArn());
        return last == null || !last.status().equals(listed.getStatus())
                || !Objects.equals(last.lastUpdatedAt(), listed.getLastUpdatedAt());
    }

    void published(SessionSnapshot snapshot) {
        seen.put(snapshot.getArn(), new Seen(snapshot.getStatus(), snapshot.getLastUpdatedAt()));
    }

    /**
     * After a fast sweep that listed every watched status to its end: forget the sessions it did
     * not list.
     *
     * @return how many were forgotten (they left the watched statuses)
     */
    int retainOnly(Set<String> listed) {
        int before = seen.size();
        seen.keySet().retainAll(listed);
        return before - seen.size();
    }

    /** Kafka lost some of what was published: publish everything again next time. */
    void clear() {
        seen.clear();
    }

    int size() {
        return seen.size();
    }
}
