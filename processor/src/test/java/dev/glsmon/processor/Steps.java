package dev.glsmon.processor;

import static dev.glsmon.processor.TopologyFixture.snapshot;
import static dev.glsmon.processor.TopologyFixture.t;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Table rows for the topology specs: one session's inputs, in order, as short readable steps. */
final class Steps {

    static final String SESSION = "ABC123def4567";

    private Steps() {}

    /** One input; {@code toString} is what a failing table row shows. */
    record Step(String text, Consumer<TopologyFixture> action) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A listed snapshot of the session: status at lastUpdatedAt T0+seconds, observed a second later. */
    static Step s(String status, long seconds) {
        return s(status, null, seconds);
    }

    static Step s(String status, String reason, long seconds) {
        return new Step(status + (reason == null ? "" : ":" + reason) + "@" + seconds, f -> {
            f.at(later(f, seconds));
            f.pipe(snapshot(SESSION, status).setStatusReason(reason).setLastUpdatedAt(t(seconds)));
        });
    }

    /** A snapshot from GetStreamSession (the enricher): it carries the StatusReason when there is one. */
    static Step get(String status, String reason, long seconds) {
        return new Step("get " + status + (reason == null ? "" : ":" + reason) + "@" + seconds, f -> {
            f.at(later(f, seconds));
            f.pipe(snapshot(SESSION, status).setStatusReason(reason).setLastUpdatedAt(t(seconds))
                    .setSource("GetStreamSession"));
        });
    }

    /** GetStreamSession said ResourceNotFound: the snapshot repeats the last status. */
    static Step gone(String lastStatus, long seconds) {
        return new Step("notFound", f -> {
            f.at(later(f, seconds));
            f.pipe(snapshot(SESSION, lastStatus).setLastUpdatedAt(t(seconds)).setNotFound(true)
                    .setSource("GetStreamSession"));
        });
    }

    static Step cycle() {
        return new Step("cycle", f -> f.advance(Duration.ofSeconds(1)).cycle());
    }

    /** A complete cycle that published only changed sessions: absence from it proves nothing. */
    static Step changesOnly() {
        return new Step("changes-only", f -> f.advance(Duration.ofSeconds(1)).changesOnlyCycle());
    }

    /** A complete full-refresh cycle whose marker says so. */
    static Step fullRefresh() {
        return new Step("full refresh", f -> f.advance(Duration.ofSeconds(1)).fullRefreshCycle());
    }

    static Step incomplete() {
        return new Step("incomplete", f -> f.advance(Duration.ofSeconds(1)).incompleteCycle());
    }

    static void run(TopologyFixture fixture, List<Step> steps) {
        steps.forEach(step -> step.action().accept(fixture));
    }

    private static java.time.Instant later(TopologyFixture f, long seconds) {
        java.time.Instant next = f.now().plusSeconds(1);
        java.time.Instant afterUpdate = t(seconds).plusSeconds(1);
        return next.isAfter(afterUpdate) ? next : afterUpdate;
    }
}
