package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.time.Instant;
import java.util.Collection;

/**
 * Account mode: one ListStreamSessionsByAccount for every stream group. A session belongs to the
 * group its ARN names; the run covers every group remembered so far, so a group whose sessions all
 * went away still gets its marker (and is then forgotten).
 */
record AccountListing(SessionMemory memory, Instant startedAt) implements ListingScope {

    @Override
    public String source() {
        return Sources.LIST_STREAM_SESSIONS_BY_ACCOUNT;
    }

    @Override
    public Collection<String> groups() {
        return memory.groups();
    }

    @Override
    public String fallbackGroup() {
        return null;
    }

    /** The group the snapshot's ARN names (mapped with no fallback group, so null when it names none). */
    @Override
    public String groupOf(SessionSnapshot listed) {
        return listed.getStreamGroupId();
    }

    @Override
    public boolean pagesOfOneGroup() {
        return false;
    }

    /** Each group numbers its own cycles, as in group mode. */
    @Override
    public long cycleNumber(String group) {
        return memory.nextCycleNumber(group, startedAt.toEpochMilli());
    }
}
