package dev.glsmon.simulator.scenario;

import java.util.List;

/**
 * A stream group of the scenario.
 *
 * @param id {@code sg-} + 9 alphanumerics, or null to have one generated from the seed
 * @param description free text shown by GetStreamGroup/ListStreamGroups
 * @param streamClass e.g. {@code gen5n_win2022}
 * @param applicationId {@code a-} + 9 alphanumerics, or null to have one generated
 * @param locations at least one location
 */
public record StreamGroupSpec(
        String id, String description, String streamClass, String applicationId, List<GroupLocationSpec> locations) {

    public StreamGroupSpec {
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("stream group " + description + " needs at least one location");
        }
        if (id != null && !id.matches("sg-[A-Za-z0-9]{9}")) {
            throw new IllegalArgumentException("stream group id must be sg- and 9 letters or digits: " + id);
        }
        if (applicationId != null && !applicationId.matches("a-[A-Za-z0-9]{9}")) {
            throw new IllegalArgumentException("application id must be a- and 9 letters or digits: " + applicationId);
        }
    }
}
