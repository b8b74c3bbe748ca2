package dev.glsmon.simulator.engine;

import dev.glsmon.simulator.ExportStatus;
import dev.glsmon.simulator.LocationStatus;
import dev.glsmon.simulator.NewSession;
import dev.glsmon.simulator.SessionStatus;
import dev.glsmon.simulator.SessionView;
import dev.glsmon.simulator.StatusReason;
import dev.glsmon.simulator.StreamGroupStatus;
import dev.glsmon.simulator.StreamGroupView;
import dev.glsmon.simulator.TruthEvent;
import dev.glsmon.simulator.scenario.GroupLocationSpec;
import dev.glsmon.simulator.scenario.IncidentSpec;
import dev.glsmon.simulator.scenario.LifecycleParams;
import dev.glsmon.simulator.scenario.Scenario;
import dev.glsmon.simulator.scenario.StreamGroupSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deterministic discrete-event simulation of stream groups and stream sessions on virtual time.
 *
 * <p>All state is guarded by this object's monitor. Every public method first runs the events due
 * up to the clock's current time, so an answer always reflects "now"; the result after reaching a
 * given time does not depend on how often the engine was brought up to date on the way, which is
 * what makes a run reproducible from its seed.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Locations used for stream groups created without a scenario (bulk population). */
    public static final List<String> DEFAULT_LOCATIONS =
            List.of("us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1");

    private static final DateTimeFormatter EXPORT_NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final List<String> EXPORT_FAILURES = List.of(
            "Unable to upload the exported files: access denied to the S3 bucket",
            "Unable to collect the exported files from the stream session");
    /** Marker outcome of the CONNECTED competing hazards: the client disconnects. */
    private static final Object DISCONNECT = new Object();

    private final Scenario scenario;
    private final Clock clock;
    private final String region;
    private final String account;
    private final TruthSink truth;
    private final SplittableRandom random;
    private final EventQueue queue = new EventQueue();
    private final SessionStore store = new SessionStore();
    private final NavigableMap<String, StreamGroup> groups = new TreeMap<>();
    private final long retentionMillis;

    private long now;
    private long origin;
    private long truthSeq;
    private boolean started;

    public Engine(Scenario scenario, long seed, Clock clock, String region, String account, TruthSink truth) {
        this.scenario = scenario;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.truth = truth;
        this.random = new SplittableRandom(seed);
        this.retentionMillis = scenario.retention().toMillis();
    }

    /**
     * Creates the scenario's stream groups, schedules arrivals and incidents, and runs the warm-up so
     * the simulation opens at the clock's current time in steady state.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        origin = clock.millis();
        now = origin - scenario.warmUp().toMillis();
        for (StreamGroupSpec spec : scenario.streamGroups()) {
            StreamGroup group = addGroup(spec.id(), spec.description(), spec.streamClass(), spec.applicationId());
            for (GroupLocationSpec loc : spec.locations()) {
                addLocation(group, loc.location(), loc.capacity(), loc.alwaysOnCapacity(), loc.targetIdleCapacity(),
                        loc.arrivalsPerMinute(), loc.lifecycle());
            }
        }
        for (StreamGroup group : groups.values()) {
            group.locations.values().forEach(this::scheduleArrival);
        }
        for (IncidentSpec incident : scenario.incidents()) {
            long at = origin + incident.start().toMillis();
            queue.schedule(at, () -> incidentStarts(incident, at));
        }
        long warmUpStart = System.nanoTime();
        advanceTo(origin);
        LOG.info("scenario '{}' started at {} ({} stream groups, {} sessions listed after {} of warm-up, simulated in {} ms)",
                scenario.name(), Instant.ofEpochMilli(origin), groups.size(), store.size(), scenario.warmUp(),
                (System.nanoTime() - warmUpStart) / 1_000_000);
    }

    /** Brings the simulation up to the clock's current time. */
    public synchronized Instant sync() {
        advanceTo(clock.millis());
        return Instant.ofEpochMilli(now);
    }

    /** The scenario start: incident offsets count from here. */
    public synchronized Instant origin() {
        return Instant.ofEpochMilli(origin);
    }

    // ---- queries (API and control) ----

    public synchronized List<StreamGroupView> streamGroups() {
        sync();
        return groups.values().stream().map(this::view).toList();
    }

    public synchronized Optional<StreamGroupView> streamGroup(String id) {
        sync();
        return Optional.ofNullable(groups.get(id)).map(this::view);
    }

    public synchronized Page<StreamGroupView> listStreamGroups(String afterKey, int max) {
        sync();
        NavigableMap<String, StreamGroup> tail = afterKey == null ? groups : groups.tailMap(afterKey, false);
        return page(tail, max, g -> true, g -> g.id, this::view);
    }

    /**
     * A page of sessions of one stream group, or of the whole account when {@code groupId} is null,
     * with optional filters, starting after {@code afterKey} (null: from the start).
     */
    public synchronized Page<SessionView> listSessions(
            String groupId, SessionStatus status, ExportStatus exportStatus, String afterKey, int max) {
        sync();
        NavigableMap<String, Session> source;
        Function<Session, String> key;
        if (groupId == null) {
            source = store.ofAccount();
            key = Session::accountKey;
        } else {
            requireGroup(groupId);
            source = store.ofGroup(groupId);
            key = s -> s.id;
        }
        NavigableMap<String, Session> tail = afterKey == null ? source : source.tailMap(afterKey, false);
        Predicate<Session> filter = s -> (status == null || s.status == status)
                && (exportStatus == null || s.exportStatus == exportStatus);
        return page(tail, max, filter, key, this::view);
    }

    /** The session {@code sessionId} of stream group {@code groupId}; refused as NOT_FOUND otherwise. */
    public synchronized SessionView session(String groupId, String sessionId) {
        sync();
        return view(requireSession(groupId, sessionId));
    }

    /** Any listed session by id. */
    public synchronized Optional<SessionView> findSession(String sessionId) {
        sync();
        return Optional.ofNullable(store.byId(sessionId)).map(this::view);
    }

    /** Every listed session, ordered by stream group and id. */
    public synchronized List<SessionView> sessions() {
        sync();
        return store.all().stream().map(this::view).toList();
    }

    /** How many listed sessions are in each status. */
    public synchronized Map<SessionStatus, Integer> countByStatus() {
        sync();
        Map<SessionStatus, Integer> counts = new EnumMap<>(SessionStatus.class);
        for (SessionStatus status : SessionStatus.values()) {
            counts.put(status, 0);
        }
        store.all().forEach(s -> counts.merge(s.status, 1, Integer::sum));
        return counts;
    }

    // ---- actions (API) ----

    /** ExportStreamSessionFiles: accepted only while the session is in progress. */
    public synchronized void requestExport(String groupId, String sessionId, String outputUri) {
        sync();
        Session s = requireSession(groupId, sessionId);
        if (!SessionStatus.EXPORTABLE.contains(s.status)) {
            throw new Refusal(Refusal.Kind.INVALID, "Stream session " + s.id + " is " + s.status
                    + "; files can be exported only while it is ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION or RECONNECTING.");
        }
        ExportStatus before = s.exportStatus;
        String uriBefore = s.exportUri;
        s.exportStatus = ExportStatus.PENDING;
        s.exportReason = null;
        s.exportUri = outputUri;
        s.lastUpdatedAt = now;
        if (before != ExportStatus.PENDING || !outputUri.equals(uriBefore)) {
            emit(TruthEvent.Kind.EXPORT, s, before == null ? null : before.name(), ExportStatus.PENDING.name(), null, outputUri);
        }
    }

    /** TerminateStreamSession: TERMINATING now, TERMINATED with apiTerminated soon; a no-op once ending. */
    public synchronized SessionView terminate(String groupId, String sessionId) {
        sync();
        Session s = requireSession(groupId, sessionId);
        if (s.status != SessionStatus.TERMINATING && !s.status.isEnded()) {
            change(s, SessionStatus.TERMINATING, StatusReason.API_TERMINATED);
        }
        return view(s);
    }

    // ---- direct control (tests, benchmarks) ----

    /** A new stream group without arrivals; capacities by location, in the given order. */
    public synchronized StreamGroupView createStreamGroup(String description, Map<String, Integer> capacities) {
        sync();
        if (capacities.isEmpty()) {
            throw new IllegalArgumentException("a stream group needs at least one location");
        }
        StreamGroup group = addGroup(null, description, "gen5n_win2022", null);
        capacities.forEach((location, capacity) ->
                addLocation(group, location, capacity, 0, 0, 0, scenario.lifecycleOf(location)));
        updateStatuses(group, false);
        return view(group);
    }

    public synchronized SessionView createSession(NewSession spec) {
        sync();
        StreamGroup group = requireGroup(spec.streamGroupId());
        GroupLocation home = group.locations.get(spec.location());
        if (home == null) {
            throw new IllegalArgumentException("stream group " + group.id + " has no location " + spec.location()
                    + " (it has " + group.locations.keySet() + ")");
        }
        Session s = newSession(home, spec.autonomous(), spec.userId());
        begin(s, spec.status());
        return view(s);
    }

    /**
     * Forces a status change, cancelling whatever the session had planned. {@code reason} may be null:
     * ERROR then shows internalError, TERMINATING and TERMINATED apiTerminated.
     */
    public synchronized SessionView transition(String sessionId, SessionStatus to, StatusReason reason) {
        sync();
        Session s = store.byId(sessionId);
        if (s == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "no listed stream session " + sessionId);
        }
        if (s.status.isEnded()) {
            throw new Refusal(Refusal.Kind.INVALID, "stream session " + sessionId + " has already ended: " + s.status);
        }
        StatusReason effective = reason;
        if (to == SessionStatus.ERROR || to == SessionStatus.TERMINATED || to == SessionStatus.TERMINATING) {
            if (effective == null) {
                effective = to == SessionStatus.ERROR ? StatusReason.INTERNAL_ERROR : StatusReason.API_TERMINATED;
            }
            SessionStatus owner = to == SessionStatus.TERMINATING ? SessionStatus.TERMINATED : to;
            if (effective.status() != owner) {
                throw new IllegalArgumentException(effective + " is not a reason for " + to);
            }
        } else if (reason != null) {
            throw new IllegalArgumentException("status " + to + " has no reason, got " + reason);
        }
        change(s, to, effective);
        return view(s);
    }

    /**
     * Creates {@code streamGroups} new stream groups (spread over {@link #DEFAULT_LOCATIONS}) and
     * {@code sessions} scripted live sessions spread evenly over them; returns the stream group ids.
     */
    public synchronized List<String> populate(int sessions, int streamGroups) {
        sync();
        if (sessions < 0 || streamGroups < 1) {
            throw new IllegalArgumentException("populate needs sessions >= 0 and streamGroups >= 1");
        }
        SplittableRandom draws = random.split();
        int capacity = sessions / streamGroups + 1;
        List<GroupLocation> homes = new ArrayList<>();
        for (int i = 0; i < streamGroups; i++) {
            StreamGroup group = addGroup(null, String.format("bulk-%04d", i), "gen4n_high", null);
            String location = DEFAULT_LOCATIONS.get(i % DEFAULT_LOCATIONS.size());
            homes.add(addLocation(group, location, capacity, 0, 0, 0, scenario.lifecycleOf(location)));
            updateStatuses(group, false);
        }
        Map<SessionStatus, Double> mix = new LinkedHashMap<>();
        mix.put(SessionStatus.ACTIVATING, 3.0);
        mix.put(SessionStatus.ACTIVE, 7.0);
        mix.put(SessionStatus.CONNECTED, 80.0);
        mix.put(SessionStatus.PENDING_CLIENT_RECONNECTION, 6.0);
        mix.put(SessionStatus.RECONNECTING, 4.0);
        for (int i = 0; i < sessions; i++) {
            Session s = newSession(homes.get(i % streamGroups), false, null, draws);
            begin(s, Distributions.pick(draws, mix));
        }
        LOG.info("populated {} sessions across {} new stream groups", sessions, streamGroups);
        return homes.stream().map(h -> h.group.id).toList();
    }

    // ---- time ----

    private void advanceTo(long target) {
        if (target <= now) {
            return;
        }
        queue.runUntil(target, t -> now = t);
        now = target;
    }

    // ---- building ----

    private StreamGroup addGroup(String id, String description, String streamClass, String applicationId) {
        String groupId = id;
        while (groupId == null || (id == null && groups.containsKey(groupId))) {
            groupId = Ids.streamGroupId(random);
        }
        if (groups.containsKey(groupId)) {
            throw new IllegalArgumentException("duplicate stream group id " + groupId);
        }
        String appId = applicationId != null ? applicationId : Ids.applicationId(random);
        StreamGroup group = new StreamGroup(groupId, Arns.streamGroup(region, account, groupId), description,
                streamClass, appId, Arns.application(region, account, appId), now - 86_400_000L);
        groups.put(groupId, group);
        return group;
    }

    private GroupLocation addLocation(StreamGroup group, String location, int capacity, int alwaysOn, int targetIdle,
            double arrivalsPerMinute, LifecycleParams lifecycle) {
        if (group.locations.containsKey(location)) {
            throw new IllegalArgumentException("stream group " + group.id + " lists " + location + " twice");
        }
        GroupLocation gl = new GroupLocation(group, location, capacity, alwaysOn, targetIdle, arrivalsPerMinute, lifecycle,
                random.split());
        group.locations.put(location, gl);
        return gl;
    }

    private Session newSession(GroupLocation home, boolean autonomous, String userId) {
        return newSession(home, autonomous, userId, home.random);
    }

    private Session newSession(GroupLocation home, boolean autonomous, String userId, SplittableRandom source) {
        String id;
        do {
            id = Ids.sessionId(source);
        } while (store.containsId(id));
        SplittableRandom own = source.split();
        String user = userId != null ? userId : "user-" + Ids.alnum(own, 10);
        return new Session(id, Arns.streamSession(region, account, home.group.id, id), home, user, now, autonomous, own);
    }

    /** Lists a new session in its first status and plans what follows. */
    private void begin(Session s, SessionStatus status) {
        s.status = status;
        s.lastUpdatedAt = now;
        if (status != SessionStatus.ACTIVATING) {
            takeSlot(s);
        }
        store.add(s);
        emit(TruthEvent.Kind.STATUS, s, null, status.name(), null, null);
        enter(s);
    }

    // ---- lifecycle ----

    private void scheduleArrival(GroupLocation gl) {
        Effects fx = effects(gl);
        double perMinute = gl.arrivalsPerMinute * fx.arrivalMultiplier();
        if (perMinute <= 0) {
            return;
        }
        int generation = gl.arrivalGeneration;
        long delay = millis(Distributions.exponential(gl.random, 60_000.0 / perMinute));
        queue.schedule(now + delay, () -> {
            if (gl.arrivalGeneration == generation) {
                begin(newSession(gl, true, null), SessionStatus.ACTIVATING);
                scheduleArrival(gl);
            }
        });
    }

    /** Plans the next step of a session that just entered its current status. */
    private void enter(Session s) {
        LifecycleParams lp = s.home.lifecycle;
        switch (s.status) {
            case ACTIVATING -> {
                if (s.autonomous) {
                    planActivation(s, lp);
                }
            }
            case ACTIVE -> {
                if (s.autonomous) {
                    planWaitForClient(s, lp.connectProbability(), lp.connectMean().toMillis(), SessionStatus.CONNECTED,
                            StatusReason.CONNECTION_TIMEOUT, lp);
                }
            }
            case CONNECTED -> {
                if (s.autonomous) {
                    planConnected(s, lp);
                }
            }
            case PENDING_CLIENT_RECONNECTION -> {
                if (s.autonomous) {
                    planWaitForClient(s, lp.reconnectProbability(), lp.reconnectMean().toMillis(),
                            SessionStatus.RECONNECTING, StatusReason.RECONNECTION_TIMEOUT, lp);
                }
            }
            case RECONNECTING -> {
                if (s.autonomous) {
                    step(s, dwell(s, lp.reconnectingMean().toMillis(), lp), SessionStatus.CONNECTED, null);
                }
            }
            // the service always finishes terminating, scripted session or not
            case TERMINATING -> step(s, dwell(s, lp.terminatingMean().toMillis(), lp), SessionStatus.TERMINATED,
                    s.pendingReason);
            case TERMINATED, ERROR -> ended(s, lp);
            default -> throw new IllegalStateException(s.status.name());
        }
    }

    private void planActivation(Session s, LifecycleParams lp) {
        GroupLocation gl = s.home;
        Effects fx = effects(gl);
        if (!s.holdsSlot) {
            if (gl.allocated >= capacityNow(gl, fx)) {
                step(s, lp.placementTimeout().toMillis(), SessionStatus.ERROR, StatusReason.PLACEMENT_TIMEOUT);
                return;
            }
            takeSlot(s);
        }
        Map<Object, Double> outcomes = new LinkedHashMap<>();
        double p = lp.activationErrorProbability();
        outcomes.put(SessionStatus.ACTIVE, 1 - p);
        double total = lp.activationErrorWeights().values().stream().mapToDouble(Double::doubleValue).sum();
        for (StatusReason reason : StatusReason.values()) { // enum order: the maps' own order is not stable
            double w = lp.activationErrorWeights().getOrDefault(reason, 0.0);
            if (w > 0 && total > 0) {
                outcomes.put(reason, p * w / total * fx.reason(reason));
            }
        }
        Object outcome = Distributions.pick(s.random, outcomes);
        long delay = dwell(s, lp.activationMean().toMillis(), lp);
        if (outcome instanceof StatusReason reason) {
            step(s, delay, SessionStatus.ERROR, reason);
        } else {
            step(s, delay, SessionStatus.ACTIVE, null);
        }
    }

    /** ACTIVE and PENDING_CLIENT_RECONNECTION: the client comes within the timeout, or it does not. */
    private void planWaitForClient(Session s, double probability, long meanMillis, SessionStatus next,
            StatusReason timeoutReason, LifecycleParams lp) {
        long timeout = s.connectionTimeoutSeconds * 1000L;
        if (s.random.nextDouble() < probability) {
            long delay = dwell(s, meanMillis, lp);
            if (delay < timeout) {
                step(s, delay, next, null);
                return;
            }
        }
        step(s, timeout, SessionStatus.TERMINATING, timeoutReason);
    }

    /**
     * CONNECTED as competing hazards: the time to the next event is exponential with the scenario
     * mean, scaled by how much the incidents under way raise the total rate; the event is picked by
     * weight. Memorylessness lets an incident boundary simply re-plan every connected session.
     */
    private void planConnected(Session s, LifecycleParams lp) {
        Effects fx = effects(s.home);
        Map<Object, Double> outcomes = new LinkedHashMap<>();
        double baseTotal = lp.disconnectWeight();
        double effectiveTotal = lp.disconnectWeight() * fx.disconnectMultiplier();
        for (StatusReason reason : StatusReason.values()) {
            double w = lp.connectedEndWeights().getOrDefault(reason, 0.0);
            if (w > 0) {
                baseTotal += w;
                effectiveTotal += w * fx.reason(reason);
                outcomes.put(reason, w * fx.reason(reason));
            }
        }
        outcomes.put(DISCONNECT, lp.disconnectWeight() * fx.disconnectMultiplier());
        long maxEnd = s.createdAt + s.sessionLengthSeconds * 1000L;
        long at = Long.MAX_VALUE;
        Object outcome = null;
        if (baseTotal > 0 && effectiveTotal > 0) {
            double mean = lp.connectedMean().toMillis() * baseTotal / effectiveTotal;
            at = now + millis(Distributions.exponential(s.random, mean));
            outcome = Distributions.pick(s.random, outcomes);
        }
        if (at >= maxEnd) {
            step(s, Math.max(0, maxEnd - now), SessionStatus.TERMINATING, StatusReason.MAX_SESSION_LENGTH_TIMEOUT);
        } else if (outcome == DISCONNECT) {
            step(s, at - now, SessionStatus.PENDING_CLIENT_RECONNECTION, null);
        } else {
            step(s, at - now, SessionStatus.TERMINATING, (StatusReason) outcome);
        }
    }

    private void ended(Session s, LifecycleParams lp) {
        s.endedAt = now;
        if (s.exportStatus == ExportStatus.PENDING) {
            if (s.status == SessionStatus.TERMINATED) {
                long delay = dwell(s, lp.exportUploadMean().toMillis(), lp);
                queue.schedule(now + delay, () -> resolveExport(s));
            } else {
                finishExport(s, ExportStatus.FAILED, "The stream session ended in ERROR; no files were exported", s.exportUri);
            }
        }
        queue.schedule(now + retentionMillis, () -> remove(s));
    }

    private void resolveExport(Session s) {
        if (s.exportStatus != ExportStatus.PENDING || s.removed) {
            return;
        }
        LifecycleParams lp = s.home.lifecycle;
        if (s.random.nextDouble() < lp.exportFailureProbability()) {
            finishExport(s, ExportStatus.FAILED, EXPORT_FAILURES.get(s.random.nextInt(EXPORT_FAILURES.size())),
                    s.exportUri);
        } else {
            finishExport(s, ExportStatus.SUCCEEDED, null, finalExportUri(s));
        }
    }

    private void finishExport(Session s, ExportStatus result, String reason, String uri) {
        s.exportStatus = result;
        s.exportReason = reason;
        s.exportUri = uri;
        s.lastUpdatedAt = now;
        emit(TruthEvent.Kind.EXPORT, s, ExportStatus.PENDING.name(), result.name(), reason, uri);
    }

    /** A prefix gets {@code YYYYMMDD-HHMMSS-appId-sg-Id-sessionId.zip}, timed at the session end. */
    private String finalExportUri(Session s) {
        if (!s.exportUri.endsWith("/")) {
            return s.exportUri;
        }
        return s.exportUri + EXPORT_NAME_TIME.format(Instant.ofEpochMilli(s.endedAt)) + "-"
                + s.home.group.applicationId + "-" + s.groupId() + "-" + s.id + ".zip";
    }

    private void remove(Session s) {
        if (s.removed) {
            return;
        }
        resolveExport(s); // an upload slower than the retention still reports before the session goes
        store.remove(s);
        s.removed = true;
        emit(TruthEvent.Kind.REMOVED, s, s.status.name(), null, null, null);
    }

    /** Schedules a status change; void if the session's plan changes before it is due. */
    private void step(Session s, long delayMillis, SessionStatus to, StatusReason reason) {
        int epoch = s.epoch;
        queue.schedule(now + delayMillis, () -> {
            if (s.epoch == epoch && !s.removed) {
                change(s, to, reason);
            }
        });
    }

    private void change(Session s, SessionStatus to, StatusReason reason) {
        SessionStatus from = s.status;
        s.status = to;
        s.reason = to.isEnded() ? reason : null;
        s.pendingReason = to == SessionStatus.TERMINATING ? reason : null;
        s.lastUpdatedAt = now;
        s.epoch++;
        if (to.isEnded()) {
            releaseSlot(s);
        } else if (to != SessionStatus.ACTIVATING) {
            takeSlot(s);
        }
        emit(TruthEvent.Kind.STATUS, s, from.name(), to.name(), s.reason == null ? null : s.reason.wire(), null);
        enter(s);
    }

    private void takeSlot(Session s) {
        if (!s.holdsSlot) {
            s.holdsSlot = true;
            s.home.allocated++;
        }
    }

    private void releaseSlot(Session s) {
        if (s.holdsSlot) {
            s.holdsSlot = false;
            s.home.allocated--;
        }
    }

    private long dwell(Session s, long meanMillis, LifecycleParams lp) {
        return millis(Distributions.lognormal(s.random, meanMillis, lp.dwellSigma()));
    }

    private static long millis(double value) {
        return Math.max(0, Math.round(value));
    }

    // ---- incidents ----

    private Effects effects(GroupLocation gl) {
        return Effects.at(scenario.incidents(), gl.group.id, gl.location, now - origin);
    }

    private int capacityNow(GroupLocation gl, Effects fx) {
        return fx.placesNothing() ? 0 : (int) Math.floor(gl.baseCapacity * fx.capacityFactor());
    }

    private void incidentStarts(IncidentSpec incident, long startedAt) {
        LOG.info("incident '{}' starts at virtual time {} for {}", incident.name(), Instant.ofEpochMilli(now),
                incident.duration());
        replanAffected(incident);
        groups.values().forEach(g -> updateStatuses(g, true));
        long endsAt = startedAt + incident.duration().toMillis();
        queue.schedule(endsAt, () -> {
            LOG.info("incident '{}' ends at virtual time {}", incident.name(), Instant.ofEpochMilli(now));
            replanAffected(incident);
            groups.values().forEach(g -> updateStatuses(g, true));
        });
        if (incident.repeatEvery() != null) {
            long next = startedAt + incident.repeatEvery().toMillis();
            queue.schedule(next, () -> incidentStarts(incident, next));
        }
    }

    /** Rates changed: re-draw the next arrival and the next CONNECTED event where the incident reaches. */
    private void replanAffected(IncidentSpec incident) {
        for (StreamGroup group : groups.values()) {
            for (GroupLocation gl : group.locations.values()) {
                if (!incident.affects(group.id, gl.location)) {
                    continue;
                }
                gl.arrivalGeneration++;
                scheduleArrival(gl);
                for (Session s : store.ofGroup(group.id).values()) {
                    if (s.autonomous && s.home == gl && s.status == SessionStatus.CONNECTED) {
                        s.epoch++;
                        planConnected(s, gl.lifecycle);
                    }
                }
            }
        }
    }

    /**
     * Sets each location's status from the incidents under way and the group's from its locations;
     * with {@code record}, each change goes to the truth log (locations first, then the group).
     */
    private void updateStatuses(StreamGroup group, boolean record) {
        String reason = null;
        List<LocationStatus> statuses = new ArrayList<>();
        for (GroupLocation gl : group.locations.values()) {
            Effects fx = effects(gl);
            if (gl.status != fx.locationStatus()) {
                if (record) {
                    emitStatus(TruthEvent.Kind.LOCATION_STATUS, group, gl.location, gl.status.name(),
                            fx.locationStatus().name(), null);
                }
                gl.status = fx.locationStatus();
                group.lastUpdatedAt = now;
            }
            if (reason == null) {
                reason = fx.groupStatusReason();
            }
            statuses.add(gl.status);
        }
        StreamGroupStatus status = StreamGroupStatus.of(statuses);
        String shownReason = status == StreamGroupStatus.ACTIVE ? null : reason;
        if (status != group.status || !Objects.equals(shownReason, group.statusReason)) {
            if (record) {
                emitStatus(TruthEvent.Kind.GROUP_STATUS, group, null, group.status.name(), status.name(), shownReason);
            }
            group.status = status;
            group.statusReason = shownReason;
            group.lastUpdatedAt = now;
        }
    }

    // ---- truth and views ----

    private void emitStatus(TruthEvent.Kind kind, StreamGroup group, String location, String from, String to,
            String reason) {
        truth.accept(new TruthEvent(++truthSeq, kind, Instant.ofEpochMilli(now), null, group.id, location, from, to,
                reason, null));
    }

    private void emit(TruthEvent.Kind kind, Session s, String from, String to, String reason, String uri) {
        truth.accept(new TruthEvent(++truthSeq, kind, Instant.ofEpochMilli(now), s.arn, s.groupId(), s.location(),
                from, to, reason, uri));
    }

    private StreamGroup requireGroup(String groupId) {
        StreamGroup group = groups.get(groupId);
        if (group == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "Stream group " + groupId + " not found.");
        }
        return group;
    }

    private Session requireSession(String groupId, String sessionId) {
        requireGroup(groupId);
        Session s = store.byId(sessionId);
        if (s == null || !s.groupId().equals(groupId)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND,
                    "Stream session " + sessionId + " not found in stream group " + groupId + ".");
        }
        return s;
    }

    private static <K, V, T> Page<T> page(NavigableMap<K, V> tail, int max, Predicate<V> filter,
            Function<V, String> key, Function<V, T> view) {
        List<T> items = new ArrayList<>(Math.min(max, 128));
        String last = null;
        boolean more = false;
        for (V value : tail.values()) {
            if (!filter.test(value)) {
                continue;
            }
            if (items.size() == max) {
                more = true;
                break;
            }
            items.add(view.apply(value));
            last = key.apply(value);
        }
        return new Page<>(items, last, more);
    }

    private SessionView view(Session s) {
        boolean placed = s.status != SessionStatus.ACTIVATING && s.status != SessionStatus.ERROR;
        return new SessionView(
                s.arn,
                s.id,
                s.groupId(),
                s.location(),
                "glsmon simulated session",
                s.userId,
                s.status,
                s.reason,
                s.home.group.applicationArn,
                Instant.ofEpochMilli(s.createdAt),
                Instant.ofEpochMilli(s.lastUpdatedAt),
                s.connectionTimeoutSeconds,
                s.sessionLengthSeconds,
                "glsmon-sim-offer-" + s.id,
                placed ? "glsmon-sim-answer-" + s.id : null,
                "s3://glsmon-sim-logs-" + account + "/" + s.groupId() + "/" + s.id + "/",
                "https://gameliftstreams-websdk-" + region + ".example.invalid/protocol/v1/",
                s.exportStatus,
                s.exportReason,
                s.exportUri);
    }

    private StreamGroupView view(StreamGroup g) {
        List<StreamGroupView.Location> locations = new ArrayList<>();
        for (GroupLocation gl : g.locations.values()) {
            int idle = Math.max(0, capacityNow(gl, effects(gl)) - gl.allocated);
            locations.add(new StreamGroupView.Location(gl.location, gl.status, gl.alwaysOnCapacity,
                    gl.baseCapacity - gl.alwaysOnCapacity, gl.targetIdleCapacity, gl.baseCapacity, gl.baseCapacity,
                    gl.allocated, idle));
        }
        return new StreamGroupView(g.id, g.arn, g.description, g.streamClass, g.applicationArn,
                Instant.ofEpochMilli(g.createdAt), Instant.ofEpochMilli(g.lastUpdatedAt), g.status, g.statusReason,
                locations);
    }
}
