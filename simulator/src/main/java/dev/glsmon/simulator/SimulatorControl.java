package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.engine.Arns;
import dev.glsmon.simulator.engine.Engine;
import dev.glsmon.simulator.engine.Refusal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Direct control of the simulated world for tests and benchmarks. Every change is recorded in the
 * truth log exactly like a change the scenario makes, at the current virtual time. Sessions are
 * named by id or ARN. A session that is not (or no longer) listed raises NoSuchElementException; a
 * change the lifecycle forbids (leaving an ended status) raises IllegalStateException.
 */
public final class SimulatorControl {

    /** Capacity per location of stream groups created without one. */
    public static final int DEFAULT_CAPACITY = 1_000;

    private final Engine engine;

    SimulatorControl(Engine engine) {
        this.engine = engine;
    }

    /** Virtual now, after running every event due. */
    public Instant now() {
        return engine.sync();
    }

    public List<StreamGroupView> streamGroups() {
        return engine.streamGroups();
    }

    /** A stream group with {@value #DEFAULT_CAPACITY} slots in each location and no generated traffic. */
    public StreamGroupView createStreamGroup(String description, String... locations) {
        Map<String, Integer> capacities = new LinkedHashMap<>();
        for (String location : locations) {
            capacities.put(location, DEFAULT_CAPACITY);
        }
        return engine.createStreamGroup(description, capacities);
    }

    /** A stream group with the given capacity per location (in map order) and no generated traffic. */
    public StreamGroupView createStreamGroup(String description, Map<String, Integer> capacityByLocation) {
        return engine.createStreamGroup(description, capacityByLocation);
    }

    /** A scripted session (see {@link NewSession}) created directly in {@code status}. */
    public SessionView createSession(String streamGroupId, String location, SessionStatus status) {
        return createSession(NewSession.in(streamGroupId, location).withStatus(status));
    }

    public SessionView createSession(NewSession spec) {
        return call(() -> engine.createSession(spec));
    }

    /**
     * Forces a status change now, cancelling whatever the session had planned. The reason belongs to
     * ERROR or TERMINATED (TERMINATING takes the reason TERMINATED will show); null picks
     * internalError for ERROR and apiTerminated otherwise.
     */
    public SessionView transition(String session, SessionStatus to, StatusReason reason) {
        return call(() -> engine.transition(sessionId(session), to, reason));
    }

    /** What TerminateStreamSession does: TERMINATING now, TERMINATED with apiTerminated shortly after. */
    public SessionView terminate(String session) {
        return call(() -> {
            SessionView s = require(session);
            return engine.terminate(s.streamGroupId(), s.id());
        });
    }

    /**
     * Creates {@code streamGroups} stream groups spread over us-east-1, us-west-2, eu-central-1 and
     * ap-northeast-1, and {@code sessions} scripted live sessions spread evenly over them (mostly
     * CONNECTED), which stay as they are until told otherwise. Returns the new stream group ids.
     */
    public List<String> populate(int sessions, int streamGroups) {
        return engine.populate(sessions, streamGroups);
    }

    /** A listed session, or empty once it was removed after the retention time. */
    public Optional<SessionView> session(String session) {
        return engine.findSession(sessionId(session));
    }

    /** Every listed session, ordered by stream group and id. */
    public List<SessionView> sessions() {
        return engine.sessions();
    }

    /** Listed sessions per status (every status present, zero included). */
    public Map<SessionStatus, Integer> countByStatus() {
        return engine.countByStatus();
    }

    private SessionView require(String session) {
        return session(session).orElseThrow(() -> new NoSuchElementException("no listed stream session " + session));
    }

    private static String sessionId(String session) {
        Arns.SessionRef ref = Arns.parseSession(session);
        if (ref == null) {
            throw new IllegalArgumentException("not a stream session id or ARN: " + session);
        }
        return ref.sessionId();
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (Refusal refusal) {
            if (refusal.kind() == Refusal.Kind.NOT_FOUND) {
                throw new NoSuchElementException(refusal.getMessage());
            }
            throw new IllegalStateException(refusal.getMessage());
        }
    }
}
