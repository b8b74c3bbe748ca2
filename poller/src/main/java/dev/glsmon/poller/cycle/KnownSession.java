package dev.glsmon.poller.cycle;

import dev.glsmon.schemas.SessionSnapshot;
import java.util.Objects;

/**
 * What the poller remembers of one session from the last cycle that saw it: the snapshot it
 * published, and for which status and export status it already asked GetStreamSession (so that it
 * asks once per session, not once per cycle).
 *
 * @param last the snapshot published for the session
 * @param reasonAskedFor the status whose StatusReason a GetStreamSession already answered, or null
 * @param exportAskedFor the export status whose details a GetStreamSession already answered, or null
 */
public record KnownSession(SessionSnapshot last, String reasonAskedFor, String exportAskedFor) {

    public KnownSession {
        Objects.requireNonNull(last, "last");
    }

    public String status() {
        return last.getStatus();
    }
}
