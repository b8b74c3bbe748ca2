package dev.glsmon.poller.aws;

import java.util.Iterator;
import java.util.function.Function;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/** The three ways the poller lists sessions, as {@link ListingPage}s; the SDK's paginators fetch each page as it is read. */
public final class SessionListings {

    private final GameLiftStreamsClient client;
    private final int pageSize;

    public SessionListings(GameLiftStreamsClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** ListStreamSessions of one stream group. */
    public Iterator<ListingPage> ofGroup(String streamGroupId) {
        return pages(client.listStreamSessionsPaginator(b -> b.identifier(streamGroupId).maxResults(pageSize))
                .iterator(), ListingPage::of);
    }

    /** ListStreamSessionsByAccount: every stream group of the account. */
    public Iterator<ListingPage> ofAccount() {
        return pages(client.listStreamSessionsByAccountPaginator(b -> b.maxResults(pageSize)).iterator(),
                ListingPage::of);
    }

    /** One page of a status-filtered ListStreamSessionsByAccount. */
    public ListingPage ofAccountByStatus(String status, String nextToken) {
        return ListingPage.of(client.listStreamSessionsByAccount(
                b -> b.status(status).maxResults(pageSize).nextToken(nextToken)));
    }

    private static <R> Iterator<ListingPage> pages(Iterator<R> responses, Function<R, ListingPage> toPage) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return responses.hasNext();
            }

            @Override
            public ListingPage next() {
                return toPage.apply(responses.next());
            }
        };
    }
}
