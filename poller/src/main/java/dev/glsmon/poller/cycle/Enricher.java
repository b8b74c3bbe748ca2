package dev.glsmon.poller.cycle;

import dev.glsmon.poller.aws.MalformedResponses;
import dev.glsmon.poller.kafka.RecordPublisher;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GetStreamSession calls a cycle needs but must not wait for: a cycle queues them and goes on,
 * workers drain the queue at the rate the GetStreamSession budget allows (the SDK client's rate
 * limiter paces them), publish each answer's snapshot as it comes, and leave the answer for the
 * next cycle that meets the session, so that it remembers what was learned and asks nothing twice.
 * A cycle's duration so depends on its pages only.
 */
final class Enricher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(1);

    /** What a Get taught: the session's full state, or that it is gone (404). */
    record Answer(EnrichmentQueue.Request request, SessionSnapshot fetched) {
        boolean gone() {
            return fetched == null;
        }
    }

    private final EnrichmentQueue queue;
    private final SessionFetcher fetcher;
    private final SnapshotMapper mapper;
    private final RecordPublisher publisher;
    private final Topics topics;
    private final PollerMetrics metrics;
    private final Clock clock;
    private final ExecutorService workers;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Answers not yet taken by a cycle; bounded, oldest first out (its cycle would ask again). */
    private final Map<String, Answer> answers;

    Enricher(EnrichmentQueue queue, int workerCount, SessionFetcher fetcher, SnapshotMapper mapper,
            RecordPublisher publisher, Topics topics, PollerMetrics metrics, Clock clock, int answersCapacity) {
        this.queue = queue;
        this.fetcher = fetcher;
        this.mapper = mapper;
        this.publisher = publisher;
        this.topics = topics;
        this.metrics = metrics;
        this.clock = clock;
        this.answers = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > answersCapacity;
            }
        };
        metrics.enrichmentQueue(queue::size);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, runnable -> {
            Thread thread = new Thread(runnable, "glsmon-enrich-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < workerCount; i++) {
            workers.execute(this::drain);
        }
    }

    /** Queues a Get unless one is pending for the session. */
    void request(Enrichment why, String streamGroupId, SessionSnapshot last, String cycleId) {
        queue.offer(new EnrichmentQueue.Request(why, streamGroupId, last.getArn(), last.getSessionId(), cycleId, last))
                .ifPresent(dropped -> metrics.enrichmentDropped(dropped.why()));
    }

    /** Whether a Get for the session is queued or running: a cycle must neither ask again nor decide for it. */
    boolean pending(String arn) {
        return queue.pending(arn);
    }

    /** Takes the answer a Get gave for the session since a cycle last met it. */
    Optional<Answer> takeAnswer(String arn) {
        synchronized (answers) {
            return Optional.ofNullable(answers.remove(arn));
        }
    }

    /** Waits until every queued Get was answered and published; for tests and benchmarks. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void drain() {
        while (!stopped.get()) {
            EnrichmentQueue.Request request;
            try {
                request = queue.take(200, TimeUnit.MILLISECONDS).orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (request == null) {
                continue;
            }
            try {
                handle(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a bug or a response we cannot handle: the next cycle asks again
                LOG.error("GetStreamSession for {} could not be handled", request.arn(), e);
            } finally {
                queue.done(request);
            }
        }
    }

    private void handle(EnrichmentQueue.Request request) throws InterruptedException {
        metrics.enrichment(request.why());
        SessionFetcher.Result result = fetcher.fetch(request.streamGroupId(), request.sessionId());
        SessionSnapshot published;
        if (result instanceof SessionFetcher.Found found) {
            String missing = found.response().arn() == null || found.response().arn().isEmpty()
                    ? MalformedResponses.MISSING_ARN
                    : found.response().statusAsString() == null ? MalformedResponses.MISSING_STATUS : null;
            if (missing != null) {
                // publishing it would invent a status: a failed lookup, asked again by a later cycle
                metrics.malformedResponse(Sources.GET_STREAM_SESSION, missing);
                LOG.warn("GetStreamSession for {} answered without {}; asking again later", request.arn(),
                        missing.equals(MalformedResponses.MISSING_ARN) ? "Arn" : "Status");
                return;
            }
            published = mapper.fromGet(found.response(), request.streamGroupId(), request.cycleId(), clock.instant());
        } else if (result instanceof SessionFetcher.Gone) {
            if (request.why() != Enrichment.DISAPPEARED) {
                // listed a moment ago, gone now: the listing's view stands, and nothing more to ask
                remember(new Answer(request, null));
                return;
            }
            published = mapper.notFound(request.last(), request.cycleId(), clock.instant());
        } else {
            LOG.warn("GetStreamSession for {} failed ({}); asking again later", request.arn(),
                    ((SessionFetcher.Failed) result).error().getMessage());
            return;
        }
        if (publish(published)) {
            remember(new Answer(request, published.getNotFound() ? null : published));
        }
    }

    private boolean publish(SessionSnapshot snapshot) throws InterruptedException {
        try {
            publisher.send(topics.sessionSnapshots(), snapshot.getArn(), snapshot)
                    .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            metrics.snapshots(snapshot.getSource(), 1);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Kafka did not acknowledge the enriched snapshot of {} ({}); asking again later", snapshot.getArn(),
                    e instanceof ExecutionException ? e.getCause().getMessage() : "timeout");
            return false;
        }
    }

    private void remember(Answer answer) {
        synchronized (answers) {
            answers.put(answer.request().arn(), answer);
        }
    }

    @Override
    public void close() {
        stopped.set(true);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
