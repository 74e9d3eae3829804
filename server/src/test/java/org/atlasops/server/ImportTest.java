package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer import from a URL: internal and plain-http addresses only when the admin allowed the host. */
class ImportTest {
    @TempDir
    Path dir;

    HttpServer files;
    String fileBase;

    @BeforeEach
    void serveFiles() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/layer.json", ex -> {
            byte[] body = ("{\"name\":\"fetched\",\"domain\":\"atlas-atlas\",\"techniques\":[{\"techniqueID\":"
                            + "\"AML.T0051\",\"score\":2}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        files.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        files.start();
        fileBase = "http://127.0.0.1:" + files.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        files.stop(0);
    }

    private static void assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(ServerFixture.json(r).get("type").asText()).isEqualTo("/problems/" + type);
    }

    @Test
    void internalAndPlainHttpUrlsAreRefusedByDefault() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, false)) {
            String analyst = s.token("ana", Role.ANALYST);
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"" + fileBase + "/layer.json\"}"),
                    400,
                    "fetch-refused");
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"https://127.0.0.1:1/layer.json\"}"),
                    403,
                    "fetch-refused");
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"https://10.0.0.7/layer.json\"}"),
                    403,
                    "fetch-refused");
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"https://169.254.169.254/latest\"}"),
                    403,
                    "fetch-refused");
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"file:///etc/passwd\"}"),
                    400,
                    "fetch-refused");
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"not a url\"}"), 400, "bad-request");
        }
    }

    @Test
    void anAllowedHostIsFetchedButRedirectsAreNotFollowed() throws Exception {
        String allowed = "127.0.0.1:" + files.getAddress().getPort();
        try (ServerFixture s = new ServerFixture(dir, false, List.of(allowed))) {
            String analyst = s.token("ana", Role.ANALYST);
            HttpResponse<String> r =
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"" + fileBase + "/layer.json\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(ServerFixture.json(r).get("name").asText()).isEqualTo("fetched");
            assertProblem(
                    s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"" + fileBase + "/moved\"}"),
                    502,
                    "fetch-failed");
            assertThat(s.get("/api/v1/audit", s.token("root", Role.ADMIN)).body())
                    .contains("layer.import");
        }
    }
}
