package dev.glsmon.poller.cycle;

import java.util.Collection;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * What one cycle run lists and how its sessions map to stream groups: all that the two listing
 * modes do differently ({@link GroupListing}, {@link AccountListing}). {@code Poller} picks one by
 * {@code Mode}; {@link CycleRun} does the rest the same way for both.
 */
sealed interface ListingScope permits GroupListing, AccountListing {

    /** The API call that lists: the {@code source} of every snapshot and marker of the run. */
    String source();

    /** The groups whose memory the run covers: each gets a marker even if the listing shows none of its sessions. */
    Collection<String> groups();

    /** The group a listed item belongs to, for its snapshot, memory and marker; null: it cannot be placed, skip it. */
    String groupOf(StreamSessionSummary item);

    /**
     * Whether every page belongs to the run's one group: its pages are that group's, and the group
     * stays remembered with no session left (it is polled again); else a group left empty is forgotten.
     */
    boolean pagesOfOneGroup();

    /** The cycle number of a group's marker, asked once per group the run touches. */
    long cycleNumber(String group);
}
