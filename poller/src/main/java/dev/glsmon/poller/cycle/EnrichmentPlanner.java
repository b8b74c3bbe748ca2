package dev.glsmon.poller.cycle;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.schemas.SessionSnapshot;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The rules for when a GetStreamSession is worth its call: only where the listing lacks what the
 * processor needs, and at most once per session and fact. Pure functions of the listed snapshot and
 * what was known from earlier cycles.
 */
public final class EnrichmentPlanner {

    private static final Set<String> FINAL_EXPORT = Set.of("SUCCEEDED", "FAILED");

    public EnrichmentPlanner() {}

    /**
     * Fills what the listing lacks but an earlier cycle learned for the same state: the StatusReason
     * of an unchanged status, the export details of an unchanged export status. Without this a
     * session would seem to lose its reason on every cycle after its enrichment.
     */
    public SessionSnapshot carryKnown(SessionSnapshot listed, KnownSession known) {
        if (known == null) {
            return listed;
        }
        SessionSnapshot last = known.last();
        boolean carryReason = listed.getStatusReason() == null && last.getStatusReason() != null
                && listed.getStatus().equals(last.getStatus());
        boolean carryExport = lacksExportDetails(listed) && !lacksExportDetails(last)
                && listed.getExportFilesStatus() != null
                && listed.getExportFilesStatus().equals(last.getExportFilesStatus());
        if (!carryReason && !carryExport) {
            return listed;
        }
        SessionSnapshot.Builder builder = SessionSnapshot.newBuilder(listed);
        if (carryReason) {
            builder.setStatusReason(last.getStatusReason());
        }
        if (carryExport) {
            builder.setExportFilesStatusReason(last.getExportFilesStatusReason())
                    .setExportFilesOutputUri(last.getExportFilesOutputUri());
        }
        return builder.build();
    }

    /** What a listed session (after {@link #carryKnown}) needs a GetStreamSession for; empty: nothing. */
    public Set<Enrichment> forListed(SessionSnapshot listed, KnownSession known) {
        Set<Enrichment> needs = EnumSet.noneOf(Enrichment.class);
        String status = listed.getStatus();
        if (SessionStatus.isEnded(status) && listed.getStatusReason() == null
                && !(known != null && status.equals(known.reasonAskedFor()))) {
            needs.add(Enrichment.TERMINAL_REASON);
        }
        String export = listed.getExportFilesStatus();
        if (export != null && FINAL_EXPORT.contains(export) && lacksExportDetails(listed)
                && !(known != null && export.equals(known.exportAskedFor()))) {
            needs.add(Enrichment.EXPORT_DETAILS);
        }
        return needs;
    }

    /**
     * Whether a session listed last cycle and missing from this complete listing needs a
     * GetStreamSession: not when its final state is already known (ended, reason known).
     */
    public boolean forMissing(KnownSession known) {
        SessionSnapshot last = known.last();
        boolean finalStateKnown = SessionStatus.isEnded(last.getStatus())
                && (last.getStatusReason() != null || last.getStatus().equals(known.reasonAskedFor()));
        return !finalStateKnown;
    }

    /** Memory after publishing a listed snapshot without a successful GetStreamSession. */
    public KnownSession rememberListed(SessionSnapshot published, KnownSession known) {
        String reasonAskedFor = known != null && published.getStatus().equals(known.reasonAskedFor())
                ? known.reasonAskedFor() : null;
        String exportAskedFor = known != null && Objects.equals(published.getExportFilesStatus(), known.exportAskedFor())
                ? known.exportAskedFor() : null;
        return new KnownSession(published, reasonAskedFor, exportAskedFor);
    }

    /** Memory after a GetStreamSession answered: asked for the answered status and export status. */
    public KnownSession rememberFetched(SessionSnapshot fetched) {
        return new KnownSession(fetched, fetched.getStatus(), fetched.getExportFilesStatus());
    }

    /** Memory after a GetStreamSession answered 404 for a listed session: nothing more to ask. */
    public KnownSession rememberGone(SessionSnapshot published) {
        return new KnownSession(published, published.getStatus(), published.getExportFilesStatus());
    }

    private static boolean lacksExportDetails(SessionSnapshot snapshot) {
        return snapshot.getExportFilesOutputUri() == null && snapshot.getExportFilesStatusReason() == null;
    }
}
