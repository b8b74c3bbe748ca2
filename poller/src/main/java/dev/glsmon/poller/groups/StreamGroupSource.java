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
}
