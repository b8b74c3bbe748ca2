package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.Collection;
import java.util.List;

/** Group mode: ListStreamSessions of one stream group; everything it lists is that group's. */
record GroupListing(String group, long cycleNumber) implements ListingScope {

    @Override
    public String source() {
        return Sources.LIST_STREAM_SESSIONS;
    }

    @Override
    public Collection<String> groups() {
        return List.of(group);
    }

    @Override
    public String fallbackGroup() {
        return group;
    }

    @Override
    public String groupOf(SessionSnapshot listed) {
        return group;
    }

    @Override
    public boolean pagesOfOneGroup() {
        return true;
    }

    @Override
    public long cycleNumber(String streamGroupId) {
        return cycleNumber;
    }
}
