package dev.glsmon.poller.export;

import dev.glsmon.common.export.OutputUriPolicy;
import dev.glsmon.poller.aws.SessionArn;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.ExportResult;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do with one export command: nothing if its id was executed before; REJECTED without a
 * call if its OutputUri is not allowed; otherwise call ExportStreamSessionFiles and map the answer.
 * The caller writes the result and only then records the id as executed.
 */
public final class ExportCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExportCommandHandler.class);

    /** The model's identifier form: an id of letters, digits and '-', at most 128 characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private final ExportApi api;
    private final ExportFailureMapping.StatusProbe probe;
    private final OutputUriPolicy policy;
    private final ExecutedCommands executed;
    private final Clock clock;

    public ExportCommandHandler(ExportApi api, ExportFailureMapping.StatusProbe probe, OutputUriPolicy policy,
            ExecutedCommands executed, Clock clock) {
        this.api = api;
        this.probe = probe;
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
            return Optional.of(result(command, ExportOutcome.REJECTED, ExportReason.URI_NOT_ALLOWED, refusal.get(), 0));
        }
        Optional<SessionArn> arn = SessionArn.parse(command.getArn());
        String group = nonEmpty(command.getStreamGroupId()) ? command.getStreamGroupId()
                : arn.map(SessionArn::streamGroupId).orElse(null);
        String session = nonEmpty(command.getSessionId()) ? command.getSessionId()
                : arn.map(SessionArn::sessionId).orElse(null);
        if (group == null || session == null || !ID.matcher(group).matches() || !ID.matcher(session).matches()) {
            LOG.warn("export command {} rejected: stream group '{}' or session '{}' is not an identifier of the API's form",
                    command.getCommandId(), group, session);
            return Optional.of(result(command, ExportOutcome.REJECTED, ExportReason.INVALID_IDENTIFIER,
                    "the command names no valid stream group and session id", 0));
        }
        try {
            int attempts = api.export(group, session, command.getOutputUri());
            LOG.info("export requested for {} to {} (command {})", command.getArn(), command.getOutputUri(),
                    command.getCommandId());
            return Optional.of(result(command, ExportOutcome.REQUESTED, null, null, attempts));
        } catch (ExportApi.AttemptedException e) {
            ExportFailureMapping.Failure failure = ExportFailureMapping.classify(e.getCause(), probe, group, session);
            String said = ExportFailureMapping.logMessageOf(e.getCause());
            if (failure.outcome() == ExportOutcome.FAILED) {
                LOG.warn("export for {} failed after {} attempts ({}): {}", command.getArn(), e.attempts(),
                        failure.reason(), said);
            } else {
                LOG.info("export for {} skipped ({}): {}", command.getArn(), failure.reason(), said);
            }
            return Optional.of(result(command, failure.outcome(), failure.reason(), failure.message(), e.attempts()));
        }
    }

    private ExportResult result(ExportCommand command, ExportOutcome outcome, ExportReason reason, String message,
            int attempts) {
        return ExportResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setArn(command.getArn())
                .setStage("EXECUTED")
                .setRule(command.getRule())
                .setIssuedAt(command.getIssuedAt())
                .setReason(reason == null ? null : reason.name())
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
