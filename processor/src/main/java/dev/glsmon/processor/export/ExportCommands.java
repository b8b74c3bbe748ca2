package dev.glsmon.processor.export;

import dev.glsmon.processor.config.ExportRule;
import dev.glsmon.schemas.ExportCommand;
import dev.glsmon.schemas.SessionState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds export commands; the command id depends only on the session and the rule. */
public final class ExportCommands {

    private ExportCommands() {}

    /** A name-based UUID of "arn|rule": a replay of the same decision gives the same id. */
    public static String commandId(String arn, ExportRule rule) {
        return UUID.nameUUIDFromBytes((arn + "|" + rule.name()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static ExportCommand command(String arn, SessionState state, ExportRule rule, String outputUri,
            long recordTime) {
        return ExportCommand.newBuilder()
                .setCommandId(commandId(arn, rule))
                .setArn(arn)
                .setSessionId(state.getSessionId())
                .setStreamGroupId(state.getStreamGroupId())
                .setLocation(state.getLocation())
                .setApplicationArn(state.getApplicationArn())
                .setRule(rule.name())
                .setOutputUri(outputUri)
                .setStatusAtIssue(state.getStatus())
                .setIssuedAt(Instant.ofEpochMilli(recordTime))
                .build();
    }
}
