package dev.glsmon.poller.export;

/** The outcome of one export command, as written to export-results and counted in glsmon_export_results_total. */
public enum ExportOutcome {
    /** ExportStreamSessionFiles accepted the request. */
    REQUESTED,
    /** The session was no longer in progress (ended, 404, or the API refused because of its status). */
    SKIPPED_NOT_IN_PROGRESS,
    /** The OutputUri is not an s3:// URI under the allow-list: never sent to the API. */
    REJECTED,
    /** The API call failed for another reason, after the SDK's retries. */
    FAILED
}
