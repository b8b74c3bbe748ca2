package dev.glsmon.poller.aws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps the AWS SDK's request signers from logging below INFO, whatever the logging configuration
 * says. At DEBUG they print the canonical request, whose signed headers include
 * {@code x-amz-security-token}: with temporary credentials (a role, SSO, AWS_SESSION_TOKEN) a
 * DEBUG root logger would write the session token into the logs ({@code SecretsNotLoggedIT} caught
 * it). Nothing else of the SDK is silenced. Without Logback (another SLF4J binding) it does nothing.
 */
final class SignerLogGuard extends TurboFilter {

    static final List<String> SIGNER_LOGGERS = List.of(
            "software.amazon.awssdk.http.auth", "software.amazon.awssdk.auth.signer");

    private SignerLogGuard() {}

    /** Installs the guard once into the Logback context, if Logback is the SLF4J binding. */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            synchronized (context) {
                if (context.getTurboFilterList().stream().noneMatch(SignerLogGuard.class::isInstance)) {
                    SignerLogGuard guard = new SignerLogGuard();
                    guard.setName("glsmon-signer-log-guard");
                    guard.start();
                    context.addTurboFilter(guard);
                }
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
            Object[] params, Throwable t) {
        if (level != null && !level.isGreaterOrEqual(Level.INFO) && isSigner(logger.getName())) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isSigner(String name) {
        for (String prefix : SIGNER_LOGGERS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
