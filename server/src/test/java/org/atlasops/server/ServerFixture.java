package org.atlasops.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;

/** A real server on a free loopback port with an H2 database in a temporary directory, and an HTTP client. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final AtlasServer server;
    private ApiContract contract;
    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ServerFixture(Path dataDir, boolean anonymousTeamRead) {
        this(dataDir, anonymousTeamRead, List.of());
    }

    ServerFixture(Path dataDir, boolean anonymousTeamRead, List<String> fetchAllowed) {
        this(dataDir, Optional.empty(), anonymousTeamRead, fetchAllowed);
    }

    ServerFixture(Path dataDir, Optional<Database.Location> db, boolean anonymousTeamRead, List<String> fetchAllowed) {
        this(new ServerOptions("127.0.0.1", 0, dataDir, db, anonymousTeamRead, "5.6.0", fetchAllowed));
    }

    ServerFixture(ServerOptions options) {
        server = AtlasServer.start(options);
    }

    /** A server whose waits after failed sign-ins are timed by {@code signInClock} (held still: they never end). */
    ServerFixture(Path dataDir, boolean anonymousTeamRead, java.time.Clock signInClock) {
        server = AtlasServer.start(
                new ServerOptions("127.0.0.1", 0, dataDir, Optional.empty(), anonymousTeamRead, "5.6.0", List.of()),
                ConnectionLimits.DEFAULT,
                signInClock);
    }

    /** Waits until the default release's AI risk index is current (with every change made so far). */
    void riskIndexReady() throws Exception {
        server.riskIndexCurrent().get(180, java.util.concurrent.TimeUnit.SECONDS);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A user with this role and an API token for them. */
    String token(String name, Role role) {
        User u = server.database()
                .users()
                .find(name)
                .orElseGet(() -> server.database().users().create(name, role));
        return server.database()
                .users()
                .issue(u, Credential.Kind.API_TOKEN, "test", Optional.empty())
                .secret();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    }

    /** Sends a request; an answer from the API is checked against the live OpenAPI document ({@link ApiContract}). */
    HttpResponse<String> send(HttpRequest.Builder r) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        checkContract(response, response.body());
        return response;
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder r) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        boolean text = response.headers()
                .firstValue("Content-Type")
                .map(t -> t.contains("json"))
                .orElse(false);
        checkContract(
                response,
                text
                        ? new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                        : response.body().length == 0 ? "" : "(binary)");
        return response;
    }

    /** The server's OpenAPI document as an oracle, fetched on first use. */
    synchronized ApiContract contract() throws IOException, InterruptedException {
        if (contract == null) {
            HttpResponse<String> doc =
                    http.send(request("/api/openapi.json").GET().build(), HttpResponse.BodyHandlers.ofString());
            contract = new ApiContract(JSON.readTree(doc.body()));
        }
        return contract;
    }

    private void checkContract(HttpResponse<?> response, String body) throws IOException, InterruptedException {
        String path = response.request().uri().getPath();
        if ((path.startsWith("/api/") && !path.equals("/api/openapi.json"))
                || path.equals("/healthz")
                || path.equals("/readyz")) {
            contract()
                    .check(
                            response.request().method(),
                            path,
                            response.statusCode(),
                            response.headers().firstValue("Content-Type"),
                            body);
        }
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
