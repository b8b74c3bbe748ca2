package dev.glsmon.simulator.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The listed sessions, indexed for lookups and for keyset pagination: sorted maps give a stable
 * order, so a page that starts after the last key of the previous page never repeats or skips a
 * session that stayed listed, however others come and go.
 */
final class SessionStore {

    private final Map<String, Session> byId = new HashMap<>();
    private final Map<String, NavigableMap<String, Session>> byGroup = new HashMap<>();
    private final NavigableMap<String, Session> byAccountKey = new TreeMap<>();

    boolean containsId(String id) {
        return byId.containsKey(id);
    }

    void add(Session s) {
        byId.put(s.id, s);
        byGroup.computeIfAbsent(s.groupId(), g -> new TreeMap<>()).put(s.id, s);
        byAccountKey.put(s.accountKey(), s);
    }

    void remove(Session s) {
        byId.remove(s.id);
        NavigableMap<String, Session> group = byGroup.get(s.groupId());
        if (group != null) {
            group.remove(s.id);
        }
        byAccountKey.remove(s.accountKey());
    }

    Session byId(String id) {
        return byId.get(id);
    }

    /** Sessions of one stream group by session id. */
    NavigableMap<String, Session> ofGroup(String groupId) {
        return byGroup.getOrDefault(groupId, java.util.Collections.emptyNavigableMap());
    }

    /** Every session by {@code groupId/sessionId}. */
    NavigableMap<String, Session> ofAccount() {
        return byAccountKey;
    }

    Collection<Session> all() {
        return byAccountKey.values();
    }

    int size() {
        return byId.size();
    }
}
