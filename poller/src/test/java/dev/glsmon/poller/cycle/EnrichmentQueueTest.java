package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnrichmentQueueTest {

    private static EnrichmentQueue.Request request(Enrichment why, String arn) {
        SessionSnapshot last = SessionSnapshot.newBuilder(Snapshots.listed("TERMINATED")).setArn(arn).build();
        return new EnrichmentQueue.Request(why, "sg-1", arn, last.getSessionId(), "c1", last);
    }

    private static List<String> drain(EnrichmentQueue queue) throws InterruptedException {
        List<String> order = new ArrayList<>();
        while (true) {
            var next = queue.take(0, TimeUnit.MILLISECONDS);
            if (next.isEmpty()) {
                return order;
            }
            order.add(next.get().why() + ":" + next.get().arn());
            queue.done(next.get());
        }
    }

    @Test
    void reasonsGoFirstThenExportDetailsThenMissingSessionsEachInArrivalOrder() throws Exception {
        EnrichmentQueue queue = new EnrichmentQueue(10);
        queue.offer(request(Enrichment.DISAPPEARED, "d1"));
        queue.offer(request(Enrichment.EXPORT_DETAILS, "e1"));
        queue.offer(request(Enrichment.TERMINAL_REASON, "t1"));
        queue.offer(request(Enrichment.DISAPPEARED, "d2"));
        queue.offer(request(Enrichment.TERMINAL_REASON, "t2"));

        assertThat(drain(queue)).containsExactly("TERMINAL_REASON:t1", "TERMINAL_REASON:t2", "EXPORT_DETAILS:e1",
                "DISAPPEARED:d1", "DISAPPEARED:d2");
    }

    @Test
    void oneRequestPerSessionWhileQueuedOrInFlightAndAMoreImportantOneReplacesIt() throws Exception {
        EnrichmentQueue queue = new EnrichmentQueue(10);
        assertThat(queue.offer(request(Enrichment.DISAPPEARED, "s1"))).isEmpty();
        assertThat(queue.offer(request(Enrichment.DISAPPEARED, "s1"))).isEmpty();
        queue.offer(request(Enrichment.TERMINAL_REASON, "s1"));
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.pending("s1")).isTrue();

        EnrichmentQueue.Request taken = queue.take(0, TimeUnit.MILLISECONDS).orElseThrow();
        assertThat(taken.why()).isEqualTo(Enrichment.TERMINAL_REASON);
        queue.offer(request(Enrichment.TERMINAL_REASON, "s1"));
        assertThat(queue.pending("s1")).as("in flight").isTrue();
        assertThat(queue.take(0, TimeUnit.MILLISECONDS)).as("not queued twice").isEmpty();
        queue.done(taken);
        assertThat(queue.pending("s1")).isFalse();
        assertThat(queue.awaitIdle(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void whenFullTheLeastImportantLoses() throws Exception {
        EnrichmentQueue queue = new EnrichmentQueue(2);
        queue.offer(request(Enrichment.DISAPPEARED, "d1"));
        queue.offer(request(Enrichment.TERMINAL_REASON, "t1"));

        assertThat(queue.offer(request(Enrichment.TERMINAL_REASON, "t2"))).get()
                .extracting(EnrichmentQueue.Request::arn).isEqualTo("d1");
        assertThat(queue.offer(request(Enrichment.DISAPPEARED, "d2"))).get()
                .extracting(EnrichmentQueue.Request::arn).as("the newcomer ranks last").isEqualTo("d2");
        assertThat(queue.pending("d1")).isFalse();
        assertThat(drain(queue)).containsExactly("TERMINAL_REASON:t1", "TERMINAL_REASON:t2");
        assertThat(queue.awaitIdle(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void refusesAQueueWithoutRoom() {
        assertThatThrownBy(() -> new EnrichmentQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
