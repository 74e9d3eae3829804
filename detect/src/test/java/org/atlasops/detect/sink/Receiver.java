package org.atlasops.detect.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP(S) receiver that records every request and answers from a script (then with the default
 * answer), for checking a sink's wire format against the published API.
 */
final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** An answer. */
    record Answer(int status, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Function<Request, Answer>> script = new ArrayDeque<>();
    private final Function<Request, Answer> otherwise;
    private final HttpServer server;

    Receiver(String path, Function<Request, Answer> otherwise) throws IOException {
        this(path, otherwise, null);
    }

    Receiver(String path, Function<Request, Answer> otherwise, SSLContext tls) throws IOException {
        this.otherwise = otherwise;
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls != null) {
            HttpsServer s = HttpsServer.create(at, 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = s;
        } else {
            server = HttpServer.create(at, 0);
        }
        server.createContext(path, this::handle);
        server.start();
    }

    /** The next requests get these answers, in order. */
    synchronized Receiver then(Function<Request, Answer> answer) {
        script.addLast(answer);
        return this;
    }

    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request r = new Request(
                x.getRequestMethod(),
                x.getRequestURI().getPath(),
                x.getRequestURI().getQuery(),
                Map.copyOf(x.getRequestHeaders()),
                body);
        requests.add(r);
        Function<Request, Answer> f;
        synchronized (this) {
            f = script.isEmpty() ? otherwise : script.removeFirst();
        }
        Answer a = f.apply(r);
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
