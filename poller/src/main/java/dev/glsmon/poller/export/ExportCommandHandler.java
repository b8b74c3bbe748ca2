package dev.glsmon.poller.export;

import dev.glsmon.common.export.OutputUriPolicy;
import dev.glsmon.poller.aws.SessionArn;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do with one export command: nothing if its id was executed before; REJECTED without a
 * call if its OutputUri is not allowed; otherwise call ExportStreamSessionFiles and map the answer.
 * The caller writes the result and only then records the id as executed.
 */
public final class ExportCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExportCommandHandler.class);

    private final ExportApi api;
    private final OutputUriPolicy policy;
    private final ExecutedCommands executed;
    private final Clock clock;

    public ExportCommandHandler(ExportApi api, OutputUriPolicy policy, ExecutedCommands executed, Clock clock) {
        this.api = api;
        this.policy = policy;
        this.executed = executed;
        this.clock = clock;
    }

    /** The result to write, or empty when the command was executed before (a replay or duplicate). */
    public Optional<ExportResult> handle(ExportCommand command) {
        if (executed.contains(command.getCommandId())) {
            LOG.debug("export command {} was executed before: skipped", command.getCommandId());
            return Optional.empty();
        }
        Optional<String> refusal = policy.refusal(command.getOutputUri());
        if (refusal.isPresent()) {
            LOG.warn("export command {} rejected: {}", command.getCommandId(), refusal.get());
            return Optional.of(result(command, ExportOutcome.REJECTED, refusal.get(), 0));
        }
        Optional<SessionArn> arn = SessionArn.parse(command.getArn());
        String group = nonEmpty(command.getStreamGroupId()) ? command.getStreamGroupId()
                : arn.map(SessionArn::streamGroupId).orElse(null);
        String session = nonEmpty(command.getSessionId()) ? command.getSessionId()
                : arn.map(SessionArn::sessionId).orElse(null);
        if (group == null || session == null) {
            return Optional.of(result(command, ExportOutcome.REJECTED, "the command names no stream group and session", 0));
        }
        try {
            int attempts = api.export(group, session, command.getOutputUri());
            LOG.info("export requested for {} to {} (command {})", command.getArn(), command.getOutputUri(),
                    command.getCommandId());
            return Optional.of(result(command, ExportOutcome.REQUESTED, null, attempts));
        } catch (ExportApi.AttemptedException e) {
            ExportOutcome outcome = ExportFailureMapping.outcomeOf(e.getCause());
            String message = ExportFailureMapping.messageOf(e.getCause());
            if (outcome == ExportOutcome.FAILED) {
                LOG.warn("export for {} failed after {} attempts: {}", command.getArn(), e.attempts(), message);
            } else {
                LOG.info("export for {} skipped: {}", command.getArn(), message);
            }
            return Optional.of(result(command, outcome, message, e.attempts()));
        }
    }

    private ExportResult result(ExportCommand command, ExportOutcome outcome, String message, int attempts) {
        return ExportResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setArn(command.getArn())
                .setOutcome(outcome.name())
                .setMessage(message)
                .setOutputUri(command.getOutputUri())
                .setAttempts(attempts)
                .setExecutedAt(clock.instant())
                .build();
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
