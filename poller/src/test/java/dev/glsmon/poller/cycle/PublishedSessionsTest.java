package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishedSessionsTest {

    private static SessionSnapshot session(String arn, String status) {
        return SessionSnapshot.newBuilder(Snapshots.listed(status)).setArn(arn).build();
    }

    @Test
    void theLastSnapshotOfEachSessionBecomesItsMemoryWithWhatWasAlreadyLearned() {
        PublishedSessions published = new PublishedSessions();
        published.add(session("live", "ACTIVE"));
        published.add(session("live", "CONNECTED"));
        published.add(Snapshots.withReason(session("ended", "TERMINATED"), "applicationExit"));
        published.add(session("reasonless", "ERROR"));
        published.add(SessionSnapshot.newBuilder(session("fetched", "ERROR")).setSource(Sources.GET_STREAM_SESSION)
                .setExportFilesStatus("SUCCEEDED").build());
        published.add(SessionSnapshot.newBuilder(session("gone", "CONNECTED")).setNotFound(true).build());

        var memory = published.byGroup().get("sg-1");

        assertThat(memory).containsOnlyKeys("live", "ended", "reasonless", "fetched");
        assertThat(memory.get("live").status()).isEqualTo("CONNECTED");
        assertThat(memory.get("ended").reasonAskedFor()).as("reported with its reason: never asked again")
                .isEqualTo("TERMINATED");
        assertThat(memory.get("reasonless").reasonAskedFor()).as("its Get may not have answered: ask").isNull();
        assertThat(memory.get("fetched").reasonAskedFor()).isEqualTo("ERROR");
        assertThat(memory.get("fetched").exportAskedFor()).isEqualTo("SUCCEEDED");
        assertThat(new EnrichmentPlanner().forListed(session("ended", "TERMINATED"), memory.get("ended"))).isEmpty();
    }

    @Test
    void sessionsLongOverAreNotRemembered() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        PublishedSessions published = new PublishedSessions();
        published.add(observed(Snapshots.withReason(session("old-end", "TERMINATED"), "idleTimeout"), t));
        published.add(observed(session("old-reasonless", "ERROR"), t));
        published.add(observed(session("old-live", "CONNECTED"), t));
        published.add(observed(Snapshots.withReason(session("recent-end", "TERMINATED"), "apiTerminated"),
                t.plus(Duration.ofMinutes(50))));
        published.add(observed(session("gone", "CONNECTED"), t.plus(Duration.ofMinutes(55))));
        published.add(SessionSnapshot.newBuilder(observed(session("gone", "CONNECTED"), t.plus(Duration.ofMinutes(56))))
                .setNotFound(true).build());
        published.add(observed(session("late", "ACTIVE"), t.plus(PublishedSessions.ENDED_KEPT).plusSeconds(1)));

        assertThat(published.size()).as("the reported-gone session is dropped as it is read").isEqualTo(5);
        assertThat(published.byGroup().get("sg-1"))
                .as("an end reported with its reason over an hour before the newest snapshot is over")
                .containsOnlyKeys("old-reasonless", "old-live", "recent-end", "late");
    }

    private static SessionSnapshot observed(SessionSnapshot snapshot, Instant at) {
        return SessionSnapshot.newBuilder(snapshot).setObservedAt(at).build();
    }
}
