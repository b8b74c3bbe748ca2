package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.Collection;

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

    /** The group an item whose ARN names none is filed under when mapped (null: none). */
    String fallbackGroup();

    /** The group a listed snapshot belongs to, for memory and markers; null: it cannot be placed, skip it. */
    String groupOf(SessionSnapshot listed);

    /**
     * Whether every page belongs to the run's one group: its pages are that group's, and the group
     * stays remembered with no session left (it is polled again); else a group left empty is forgotten.
     */
    boolean pagesOfOneGroup();

    /** The cycle number of a group's marker, asked once per group the run touches. */
    long cycleNumber(String group);
}
