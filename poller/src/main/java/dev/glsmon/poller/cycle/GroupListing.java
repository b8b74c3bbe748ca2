package dev.glsmon.poller.cycle;

import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

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

    /** The polled group, also for an item whose ARN names none (the snapshot takes the ARN's group where it parses). */
    @Override
    public String groupOf(StreamSessionSummary item) {
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
