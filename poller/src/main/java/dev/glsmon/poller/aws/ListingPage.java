package dev.glsmon.poller.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsByAccountResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * One page of a session listing, by stream group or by account.
 *
 * @param reasons StatusReason by session ARN, read from the page's body by {@link ListedStatusReasons}
 *     (the SDK drops the field)
 * @param nextToken the token of the next page; null or empty: the listing is done
 */
public record ListingPage(List<StreamSessionSummary> items, Map<String, String> reasons, String nextToken) {

    public static ListingPage of(ListStreamSessionsResponse response) {
        return new ListingPage(response.items(), ListedStatusReasons.of(response), response.nextToken());
    }

    public static ListingPage of(ListStreamSessionsByAccountResponse response) {
        return new ListingPage(response.items(), ListedStatusReasons.of(response), response.nextToken());
    }

    /** The API returned no NextToken: the listing is done. */
    public boolean last() {
        return isLast(nextToken);
    }

    public static boolean isLast(String nextToken) {
        return nextToken == null || nextToken.isEmpty();
    }

    /** The item's StatusReason: the SDK's own field where it has one, else the one read from this page's body. */
    public String reasonOf(StreamSessionSummary item) {
        return ListedStatusReasons.reasonOf(item, reasons);
    }
}
