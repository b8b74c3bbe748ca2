package dev.glsmon.simulator;

/** ExportFilesMetadata.Status of a stream session. */
public enum ExportStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
