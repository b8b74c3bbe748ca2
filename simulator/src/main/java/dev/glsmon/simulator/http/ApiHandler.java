package dev.glsmon.simulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.glsmon.simulator.FaultSettings;
import dev.glsmon.simulator.RequestRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one API request in the order the service checks things: route, signature, rate limit,
 * injected faults, validation and the operation itself; then records what was answered.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Operations operations;
    private final FaultInjector faults;
    private final Supplier<FaultSettings> settings;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final RequestSink requests;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpHandler admin;
    private final AtomicLong seq = new AtomicLong();

    ApiHandler(Operations operations, FaultInjector faults, Supplier<FaultSettings> settings, RequestSink requests,
            Clock clock, ObjectMapper json, HttpHandler admin) {
        this.operations = operations;
        this.faults = faults;
        this.settings = settings;
        this.requests = requests;
        this.clock = clock;
        this.json = json;
        this.admin = admin;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath.startsWith(AdminHandler.PREFIX)) {
            admin.handle(exchange);
            return;
        }
        Instant wallTime = Instant.now();
        Instant virtualTime = clock.instant();
        String method = exchange.getRequestMethod();
        Map<String, String> query = Router.queryOrEmpty(exchange.getRequestURI().getRawQuery());
        Router.Route route = Router.match(method, rawPath);
        int status;
        String errorType = null;
        byte[] response;
        try {
            byte[] body = Exchanges.body(exchange);
            response = answer(exchange, route, body);
            status = 200;
        } catch (ApiError e) {
            status = e.status();
            errorType = e.type();
            response = errorBody(e.getMessage());
        } catch (IOException e) {
            // the client went away mid-request: nothing to answer; recorded as 499 like nginx does
            LOG.debug("{} {}: connection lost", method, rawPath, e);
            record(route, method, rawPath, query, 499, null, virtualTime, wallTime);
            exchange.close();
            return;
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, rawPath, e);
            status = 500;
            errorType = "InternalServerException";
            response = errorBody("An internal error occurred in the simulator: " + e);
        }
        // recorded before the answer leaves, so a caller that has its answer also sees it counted
        record(route, method, rawPath, query, status, errorType, virtualTime, wallTime);
        try {
            Exchanges.send(exchange, status, errorType, response);
        } catch (IOException e) {
            LOG.debug("{} {}: connection lost while answering", method, rawPath, e);
            exchange.close();
        }
    }

    private void record(Router.Route route, String method, String path, Map<String, String> query, int status,
            String errorType, Instant virtualTime, Instant wallTime) {
        requests.accept(new RequestRecord(seq.incrementAndGet(), route == null ? null : route.operation(), method,
                path, query, status, errorType, virtualTime, wallTime));
    }

    private byte[] answer(HttpExchange exchange, Router.Route route, byte[] body) {
        if (route == null) {
            throw new ApiError(404, "UnknownOperationException", "No operation matches "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + ".");
        }
        SigV4Check.check(exchange.getRequestHeaders().getFirst("Authorization"));
        if (settings.get().enforceRateLimits() && !rateLimiter.tryAcquire(route.operation())) {
            throw ApiError.throttling("Rate exceeded for " + route.operation().wireName() + " ("
                    + route.operation().ratePerSecond() + " requests per second per account).");
        }
        faults.beforeOperation(route.operation());
        Map<String, String> query;
        try {
            query = Router.query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            throw ApiError.validation("The query string is not valid percent-encoding.");
        }
        ObjectNode result = operations.invoke(route, query, body);
        return faults.render(route.operation(), result);
    }

    private byte[] errorBody(String message) {
        try {
            return json.writeValueAsBytes(json.createObjectNode().put("message", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
