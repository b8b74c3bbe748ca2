package dev.glsmon.poller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionSnapshot;
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
}
