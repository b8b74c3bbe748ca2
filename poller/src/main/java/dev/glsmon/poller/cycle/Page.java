package dev.glsmon.poller.cycle;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * One page of a listing.
 *
 * @param reasons StatusReason by session ARN, read from the page's body (the SDK drops the field)
 * @param last the API returned no NextToken: the listing is done
 */
record Page(List<StreamSessionSummary> items, Map<String, String> reasons, boolean last) {

    static boolean isLast(String nextToken) {
        return nextToken == null || nextToken.isEmpty();
    }
}
