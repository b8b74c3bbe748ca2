package dev.glsmon.simulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.glsmon.simulator.Faults;
import dev.glsmon.simulator.RequestLog;
import dev.glsmon.simulator.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GameLift Streams REST-JSON endpoint on the JDK's HTTP server. Requests run on a bounded pool;
 * when its queue is full the accepting thread answers the request itself, which slows accepting
 * down instead of dropping connections.
 */
public final class ApiServer implements AutoCloseable {

    /** Everything the server needs from the simulator. */
    public record Settings(String bindAddress, int port, int threads, String region, String account, long seed) {}

    static {
        // The JDK server writes a response's headers and body as two TCP segments; with Nagle's
        // algorithm on (its default) the body waits for the client's delayed ACK, about 40 ms per
        // response. The JDK reads this property once, when the first HttpServer of the JVM starts,
        // so a JVM that started another JDK HttpServer first must pass -Dsun.net.httpserver.nodelay=true.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    public ApiServer(Settings settings, Engine engine, Faults faults, RequestLog requestLog, RequestSink requests,
            Clock clock) {
        ObjectMapper json = new ObjectMapper();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret); // tokens never outlive a simulator: a foreign token must fail
        FaultInjector injector = new FaultInjector(faults::settings, settings.seed(), json);
        Operations operations = new Operations(engine, settings.region(), settings.account(), new PageTokens(secret),
                injector, json);
        AdminHandler admin = new AdminHandler(faults, requestLog, engine, json);
        ApiHandler handler = new ApiHandler(operations, injector, faults::settings, requests, clock, json, admin);
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 512);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.bindAddress() + ":" + settings.port(), e);
        }
        executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
        server.createContext("/", handler);
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "glsmon-sim-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
