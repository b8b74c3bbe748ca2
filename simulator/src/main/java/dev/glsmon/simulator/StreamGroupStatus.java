package dev.glsmon.simulator;

import java.util.Collection;

/** Stream group status, spelled on the wire as {@link #name()} (the values the AWS SDK models). */
public enum StreamGroupStatus {
    ACTIVATING,
    UPDATING_LOCATIONS,
    ACTIVE,
    ACTIVE_WITH_ERRORS,
    ERROR,
    DELETING,
    EXPIRED;

    /**
     * The status the service shows for a group whose locations are in these statuses: ERROR when
     * every location is, ACTIVE_WITH_ERRORS when some are, ACTIVE otherwise.
     */
    public static StreamGroupStatus of(Collection<LocationStatus> locations) {
        long errors = locations.stream().filter(s -> s == LocationStatus.ERROR).count();
        if (errors == 0) {
            return ACTIVE;
        }
        return errors == locations.size() ? ERROR : ACTIVE_WITH_ERRORS;
    }
}
