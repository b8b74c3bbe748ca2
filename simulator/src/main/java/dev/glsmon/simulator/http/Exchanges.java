package dev.glsmon.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/** Reading requests and writing responses on the JDK server. */
final class Exchanges {

    private Exchanges() {}

    /** Reads the whole body: a request left unread would spoil the keep-alive connection. */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    static void send(HttpExchange exchange, int status, String errorType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            headers.set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
