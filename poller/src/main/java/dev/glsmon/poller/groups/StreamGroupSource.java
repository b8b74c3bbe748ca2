package dev.glsmon.poller.groups;

import java.util.Set;

/** The stream groups this poller instance polls now. */
public interface StreamGroupSource {

    /** A snapshot of the current set. */
    Set<String> current();

    /** Whether the group is still this instance's to poll (asked again right before its cycle starts). */
    default boolean isAssigned(String streamGroupId) {
        return current().contains(streamGroupId);
    }

    /** Whether the set is known (e.g. the assigned partitions have been read); the poller waits until then. */
    default boolean isReady() {
        return true;
    }

    /**
     * This instance's part of the account-wide API budget, 0..1: the shares of all instances that
     * split the stream groups add up to 1. An instance that polls on its own has the whole budget.
     */
    default double share() {
        return 1.0;
    }
}
