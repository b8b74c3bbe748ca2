package dev.glsmon.poller.cycle;

import java.util.List;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * One page of a listing.
 *
 * @param last the API returned no NextToken: the listing is done
 */
record Page(List<StreamSessionSummary> items, boolean last) {

    static boolean isLast(String nextToken) {
        return nextToken == null || nextToken.isEmpty();
    }
}
