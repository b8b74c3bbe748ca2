package dev.glsmon.simulator;

import dev.glsmon.common.session.SessionStatus;
import dev.glsmon.simulator.engine.Engine;
import dev.glsmon.simulator.http.ApiServer;
import dev.glsmon.simulator.scenario.Scenario;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Amazon GameLift Streams API emulator that the unmodified AWS SDK talks to over HTTP
 * ({@code endpointOverride(sim.endpoint())}), driven by a deterministic simulation of stream
 * sessions on virtual time.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * try (Simulator sim = Simulator.builder().scenario(Scenario.empty()).seed(42).clock(clock).start()) {
 *     StreamGroupView group = sim.control().createStreamGroup("test", "us-west-2");
 *     sim.control().createSession(group.id(), "us-west-2", SessionStatus.CONNECTED);
 *     GameLiftStreamsClient client = GameLiftStreamsClient.builder().endpointOverride(sim.endpoint())...;
 *     clock.advance(Duration.ofMinutes(5));
 *     List<TruthEvent> truth = sim.truth().events();
 * }
 * }</pre>
 *
 * <p>Before answering any request the simulation runs up to the clock's current time, and a
 * background tick keeps it (and the truth log file) moving between requests.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final Builder settings;
    private final Clock clock;
    private final Engine engine;
    private final TruthLog truth;
    private final RequestLog requests;
    private final Faults faults;
    private final SimulatorControl control;
    private ApiServer server;
    private ScheduledExecutorService ticker;
    private boolean closed;

    private Simulator(Builder b) {
        this.settings = b.copy(); // later changes to the builder must not reach a built simulator
        this.clock = b.clock != null ? b.clock : new ScaledClock(Instant.now(), b.timeScale);
        this.truth = new TruthLog(b.truthCapacity, b.truthLogFile);
        this.requests = new RequestLog(b.requestLogCapacity);
        this.faults = new Faults(b.faults);
        this.engine = new Engine(b.scenario, b.seed, clock, b.region, b.accountId, truth::append);
        this.truth.beforeRead(engine::sync);
        this.control = new SimulatorControl(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the scenario's warm-up, opens the HTTP endpoint and starts the background tick. */
    public synchronized Simulator start() {
        if (server != null) {
            return this;
        }
        if (closed) {
            throw new IllegalStateException("a closed simulator cannot start again");
        }
        engine.start();
        server = new ApiServer(new ApiServer.Settings(settings.bindAddress, settings.port, settings.serverThreads,
                settings.region, settings.accountId, settings.seed), engine, faults, requests, requests::record, clock);
        server.start();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glsmon-sim-tick");
            t.setDaemon(true);
            return t;
        });
        long tickMillis = settings.tickInterval.toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        LOG.info("GameLift Streams simulator listening on {} (region {}, account {}, seed {})", endpoint(),
                settings.region, settings.accountId, settings.seed);
        return this;
    }

    /** The base URL for {@code endpointOverride}, e.g. {@code http://127.0.0.1:8443}. */
    public URI endpoint() {
        String host = settings.bindAddress;
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                host = "127.0.0.1";
            } else if (host.contains(":")) {
                host = "[" + host + "]";
            }
        } catch (UnknownHostException e) {
            // a host name that does not resolve here is still what callers asked to bind
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The port bound; with port 0 the one the system chose. */
    public int port() {
        requireStarted();
        return server.port();
    }

    public String region() {
        return settings.region;
    }

    public String accountId() {
        return settings.accountId;
    }

    /** The clock that gives virtual time. */
    public Clock clock() {
        return clock;
    }

    /** Live fault settings; changes apply to the next request. */
    public Faults faults() {
        return faults;
    }

    /** Ground truth: every status change, export change and removal. */
    public TruthLog truth() {
        return truth;
    }

    /** Every API request received, with exact counts per operation. */
    public RequestLog requests() {
        return requests;
    }

    /** Direct control of the simulated world. */
    public SimulatorControl control() {
        requireStarted();
        return control;
    }

    /** Stops the endpoint and the tick, and closes the truth log file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            // not shutdownNow: interrupting a tick in the middle of a truth-log write closes the file's
            // channel (ClosedByInterruptException) and loses the rest of the log
            ticker.shutdown();
            awaitTicker();
        }
        if (server != null) {
            server.close();
            engine.sync();
        }
        truth.flush();
        truth.close();
        LOG.info("GameLift Streams simulator stopped ({} requests answered, {} truth events)", requests.total(),
                truth.total());
    }

    private void awaitTicker() {
        try {
            if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the simulation tick did not finish within 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            engine.sync();
            truth.flush();
        } catch (RuntimeException e) {
            // keep ticking: one failed tick must not freeze virtual time for the rest of the run
            LOG.error("simulation tick failed", e);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("call start() first");
        }
    }

    /** Settings of a simulator; every one has a default. */
    public static final class Builder {

        private Scenario scenario = Scenario.empty();
        private long seed = 42;
        private Clock clock;
        private double timeScale = 1.0;
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private String region = "us-west-2";
        private String accountId = "111122223333";
        private Path truthLogFile;
        private int truthCapacity = 1_000_000;
        private int requestLogCapacity = 10_000;
        private FaultSettings faults = FaultSettings.NONE;
        private int serverThreads = 8;
        private Duration tickInterval = Duration.ofMillis(250);

        private Builder() {}

        /** What to simulate; default {@link Scenario#empty()}. */
        public Builder scenario(Scenario value) {
            this.scenario = Objects.requireNonNull(value, "scenario");
            return this;
        }

        /** Seed of every random draw of the simulation; default 42. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Source of virtual time, e.g. a {@link ManualClock} in tests; default a {@link ScaledClock}
         * starting now at {@link #timeScale(double)}.
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Speed of virtual time when no clock is given; default 1. */
        public Builder timeScale(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("time scale must be positive: " + value);
            }
            this.timeScale = value;
            return this;
        }

        /** Address to listen on; default 127.0.0.1. */
        public Builder bindAddress(String value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** Port to listen on; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be within 0..65535: " + value);
            }
            this.port = value;
            return this;
        }

        /** Region in ARNs; default us-west-2. */
        public Builder region(String value) {
            this.region = Objects.requireNonNull(value, "region");
            return this;
        }

        /** Account id in ARNs (12 digits); default 111122223333. */
        public Builder accountId(String value) {
            if (value == null || !value.matches("\\d{12}")) {
                throw new IllegalArgumentException("account id must be 12 digits: " + value);
            }
            this.accountId = value;
            return this;
        }

        /** Also append the truth log as JSON lines to this file (truncated at start); default none. */
        public Builder truthLogFile(Path value) {
            this.truthLogFile = value;
            return this;
        }

        /** Truth events kept in memory (oldest dropped beyond); default 1,000,000. */
        public Builder truthCapacity(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("truth capacity must be >= 0");
            }
            this.truthCapacity = value;
            return this;
        }

        /** Request records kept in memory; 0 keeps counters only; default 10,000. */
        public Builder requestLogCapacity(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("request log capacity must be >= 0");
            }
            this.requestLogCapacity = value;
            return this;
        }

        /** Fault settings at start; default none. */
        public Builder faults(FaultSettings value) {
            this.faults = Objects.requireNonNull(value, "faults");
            return this;
        }

        /** Threads answering HTTP requests; default 8. */
        public Builder serverThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("server threads must be >= 1");
            }
            this.serverThreads = value;
            return this;
        }

        /** Wall time between background ticks; default 250 ms. */
        public Builder tickInterval(Duration value) {
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException("tick interval must be at least 1 ms");
            }
            this.tickInterval = value;
            return this;
        }

        private Builder copy() {
            Builder c = new Builder();
            c.scenario = scenario;
            c.seed = seed;
            c.clock = clock;
            c.timeScale = timeScale;
            c.bindAddress = bindAddress;
            c.port = port;
            c.region = region;
            c.accountId = accountId;
            c.truthLogFile = truthLogFile;
            c.truthCapacity = truthCapacity;
            c.requestLogCapacity = requestLogCapacity;
            c.faults = faults;
            c.serverThreads = serverThreads;
            c.tickInterval = tickInterval;
            return c;
        }

        public Simulator build() {
            return new Simulator(this);
        }

        /** {@code build().start()}. */
        public Simulator start() {
            return build().start();
        }
    }
}
