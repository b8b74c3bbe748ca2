package dev.glsmon.simulator.scenario;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.StatusReason;
import java.time.Duration;
import java.util.Map;

/**
 * How sessions of one stream group in one location behave. Dwell times are lognormal with the given
 * mean and shape {@code dwellSigma}, except the time in CONNECTED, which is exponential so that
 * incidents can change its rates mid-session (competing hazards: the next CONNECTED event comes
 * after Exp(mean) and is picked by {@code connectedEndWeights} plus {@code disconnectWeight}).
 *
 * @param activationMean mean time in ACTIVATING before ACTIVE or an activation error
 * @param activationErrorProbability chance that activation ends in ERROR
 * @param activationErrorWeights which ERROR reason, by weight (placementTimeout comes from capacity)
 * @param placementTimeout time in ACTIVATING before ERROR/placementTimeout when no capacity is free
 * @param connectProbability chance that a client connects to an ACTIVE session in time
 * @param connectMean mean time in ACTIVE before the client connects
 * @param connectedMean mean time in CONNECTED before the next event
 * @param connectedEndWeights TERMINATED reasons out of CONNECTED, by weight
 * @param disconnectWeight weight of a client disconnect (to PENDING_CLIENT_RECONNECTION)
 * @param reconnectProbability chance that a disconnected client comes back in time
 * @param reconnectMean mean time in PENDING_CLIENT_RECONNECTION before RECONNECTING
 * @param reconnectingMean mean time in RECONNECTING before CONNECTED
 * @param terminatingMean mean time in TERMINATING
 * @param connectionTimeoutSeconds ConnectionTimeoutSeconds of new sessions
 * @param sessionLengthSeconds SessionLengthSeconds of new sessions (maxSessionLengthTimeout)
 * @param dwellSigma shape of every lognormal dwell time
 * @param exportUploadMean mean time from session end to the export result
 * @param exportFailureProbability chance that an export ends FAILED
 */
public record LifecycleParams(
        Duration activationMean,
        double activationErrorProbability,
        Map<StatusReason, Double> activationErrorWeights,
        Duration placementTimeout,
        double connectProbability,
        Duration connectMean,
        Duration connectedMean,
        Map<StatusReason, Double> connectedEndWeights,
        double disconnectWeight,
        double reconnectProbability,
        Duration reconnectMean,
        Duration reconnectingMean,
        Duration terminatingMean,
        int connectionTimeoutSeconds,
        int sessionLengthSeconds,
        double dwellSigma,
        Duration exportUploadMean,
        double exportFailureProbability) {

    public LifecycleParams {
        activationErrorWeights = Map.copyOf(activationErrorWeights);
        connectedEndWeights = Map.copyOf(connectedEndWeights);
        probability("activationErrorProbability", activationErrorProbability);
        probability("connectProbability", connectProbability);
        probability("reconnectProbability", reconnectProbability);
        probability("exportFailureProbability", exportFailureProbability);
        reasons("activationErrorWeights", activationErrorWeights, SessionStatus.ERROR);
        reasons("connectedEndWeights", connectedEndWeights, SessionStatus.TERMINATED);
        nonNegative("disconnectWeight", disconnectWeight);
        positive("connectedMean", connectedMean);
        if (connectionTimeoutSeconds < 1 || sessionLengthSeconds < 1) {
            throw new IllegalArgumentException("connectionTimeoutSeconds and sessionLengthSeconds must be >= 1");
        }
        if (!(dwellSigma >= 0)) {
            throw new IllegalArgumentException("dwellSigma must be >= 0: " + dwellSigma);
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1: " + p);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be >= 0: " + v);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void reasons(String name, Map<StatusReason, Double> weights, SessionStatus status) {
        weights.forEach((reason, weight) -> {
            if (reason.status() != status) {
                throw new IllegalArgumentException(name + ": " + reason + " is not a " + status + " reason");
            }
            nonNegative(name + "." + reason, weight);
        });
    }
}
