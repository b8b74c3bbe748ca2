package dev.glsmon.poller.cycle;

/**
 * What one stream group's part of a poll cycle did.
 *
 * @param outcome complete, incomplete (some page failed or the poller stopped: absence proves
 *     nothing) or failed (Kafka did not acknowledge: no marker, the cycle is redone)
 * @param pages ListStreamSessions pages read for this group (group mode; 0 in account mode)
 * @param getCalls GetStreamSession calls this cycle asked for this group (made off its path)
 * @param fullRefresh whether the cycle published every listed session of the group, not only the changed ones
 * @param failure why the cycle failed or is incomplete, else null
 */
public record GroupCycleReport(
        String streamGroupId,
        String cycleId,
        long cycleNumber,
        String outcome,
        int sessions,
        int pages,
        int getCalls,
        int notFound,
        boolean fullRefresh,
        String failure) {

    public boolean complete() {
        return PollerMetrics.OUTCOME_COMPLETE.equals(outcome);
    }
}
