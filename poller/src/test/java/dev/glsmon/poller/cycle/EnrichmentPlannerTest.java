package dev.glsmon.poller.cycle;

import static dev.glsmon.poller.cycle.Snapshots.listed;
import static dev.glsmon.poller.cycle.Snapshots.withExport;
import static dev.glsmon.poller.cycle.Snapshots.withReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glsmon.schemas.SessionSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrichmentPlannerTest {

    private final EnrichmentPlanner planner = new EnrichmentPlanner();

    @ParameterizedTest
    @ValueSource(strings = {"ACTIVATING", "ACTIVE", "CONNECTED", "PENDING_CLIENT_RECONNECTION", "RECONNECTING",
        "TERMINATING", "SOME_FUTURE_STATUS"})
    void aLiveSessionNeedsNoCall(String status) {
        assertThat(planner.forListed(listed(status), null)).isEmpty();
        KnownSession known = planner.rememberListed(listed("ACTIVE"), null);
        assertThat(planner.forListed(listed(status), known)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERMINATED", "ERROR"})
    void aSessionThatJustEndedNeedsItsReason(String status) {
        KnownSession wasConnected = planner.rememberListed(listed("CONNECTED"), null);

        assertThat(planner.forListed(listed(status), wasConnected)).containsExactly(Enrichment.TERMINAL_REASON);
        assertThat(planner.forListed(listed(status), null)).containsExactly(Enrichment.TERMINAL_REASON);
    }

    @Test
    void theReasonIsFetchedOncePerSessionNotOncePerCycle() {
        SessionSnapshot fetched = withReason(listed("TERMINATED"), "applicationExit");
        KnownSession afterGet = planner.rememberFetched(fetched);

        // next cycle: the listing again has no reason; the known one is carried and nothing is asked
        SessionSnapshot next = planner.carryKnown(listed("TERMINATED"), afterGet);
        assertThat(next.getStatusReason()).isEqualTo("applicationExit");
        assertThat(planner.forListed(next, afterGet)).isEmpty();
        KnownSession remembered = planner.rememberListed(next, afterGet);
        assertThat(planner.forListed(planner.carryKnown(listed("TERMINATED"), remembered), remembered)).isEmpty();
    }

    @Test
    void aGetThatAnsweredWithoutAReasonIsNotRepeated() {
        KnownSession afterGet = planner.rememberFetched(listed("ERROR"));

        assertThat(planner.forListed(listed("ERROR"), afterGet)).isEmpty();
    }

    @Test
    void aReasonCarriedInTheListingNeedsNoCall() {
        assertThat(planner.forListed(withReason(listed("TERMINATED"), "idleTimeout"), null)).isEmpty();
    }

    @Test
    void aReasonIsNotCarriedIntoAnotherStatus() {
        KnownSession terminatedWithReason = planner.rememberFetched(withReason(listed("TERMINATED"), "apiTerminated"));

        assertThat(planner.carryKnown(listed("ERROR"), terminatedWithReason).getStatusReason()).isNull();
        assertThat(planner.forListed(listed("ERROR"), terminatedWithReason)).containsExactly(Enrichment.TERMINAL_REASON);
    }

    @Test
    void aFinishedExportWithoutDetailsNeedsThemOnce() {
        KnownSession pending = planner.rememberListed(withExport(listed("CONNECTED"), "PENDING", null, null), null);
        SessionSnapshot succeeded = withExport(listed("CONNECTED"), "SUCCEEDED", null, null);

        assertThat(planner.forListed(succeeded, pending)).containsExactly(Enrichment.EXPORT_DETAILS);

        KnownSession afterGet = planner.rememberFetched(withExport(listed("CONNECTED"), "SUCCEEDED", null, "s3://b/x.zip"));
        SessionSnapshot nextListing = planner.carryKnown(succeeded, afterGet);
        assertThat(nextListing.getExportFilesOutputUri()).isEqualTo("s3://b/x.zip");
        assertThat(planner.forListed(nextListing, afterGet)).isEmpty();
    }

    @Test
    void exportDetailsInTheListingNeedNoCall() {
        SessionSnapshot failed = withExport(listed("TERMINATED"), "FAILED", "upload failed", "s3://b/p/");
        assertThat(planner.forListed(withReason(failed, "apiTerminated"), null)).isEmpty();
    }

    @Test
    void aPendingExportNeedsNoCall() {
        assertThat(planner.forListed(withExport(listed("ACTIVE"), "PENDING", null, null), null)).isEmpty();
    }

    @Test
    void oneCallServesAnEndedSessionAndItsFinishedExport() {
        SessionSnapshot ended = withExport(listed("TERMINATED"), "SUCCEEDED", null, null);

        assertThat(planner.forListed(ended, null))
                .containsExactlyInAnyOrder(Enrichment.TERMINAL_REASON, Enrichment.EXPORT_DETAILS);
    }

    @Test
    void aVanishedLiveSessionIsAskedAbout() {
        assertThat(planner.forMissing(planner.rememberListed(listed("CONNECTED"), null))).isTrue();
        assertThat(planner.forMissing(planner.rememberListed(listed("TERMINATED"), null)))
                .as("ended but its reason never learned").isTrue();
    }

    @Test
    void aVanishedSessionWhoseEndIsKnownIsNotAskedAbout() {
        assertThat(planner.forMissing(planner.rememberFetched(withReason(listed("TERMINATED"), "applicationExit"))))
                .isFalse();
        assertThat(planner.forMissing(planner.rememberFetched(listed("ERROR")))).isFalse();
    }
}
