package dev.glsmon.poller.cycle;

import dev.glsmon.poller.aws.SessionArn;
import java.time.Instant;
import java.util.Collection;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

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

    /** The group the item's ARN names; null when it names none (no group to file it under). */
    @Override
    public String groupOf(StreamSessionSummary item) {
        return SessionArn.parse(item.arn()).map(SessionArn::streamGroupId).orElse(null);
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
