package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness for supervisors and probes: public, in the OpenAPI document (the fixture checks every answer
 * against it), and telling nothing more.
 */
class HealthTest {
    @TempDir
    Path dir;

    @Test
    void bothAnswerWithoutSigningInAndAreDocumented() throws Exception {
        try (ServerFixture f = new ServerFixture(dir, false)) {
            for (String path : new String[] {"/healthz", "/readyz"}) {
                HttpResponse<String> r = f.get(path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Cache-Control"))
                        .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
            }
            assertThat(ServerFixture.json(f.get("/healthz", null)).get("status").asText())
                    .isEqualTo("ok");
            assertThat(ServerFixture.json(f.get("/readyz", null)).get("status").asText())
                    .isEqualTo("ready");
            JsonNode paths =
                    ServerFixture.json(f.get("/api/openapi.json", null)).get("paths");
            assertThat(paths.has("/healthz")).isTrue();
            assertThat(paths.has("/readyz")).isTrue();
            assertThat(paths.get("/readyz").get("get").has("security")).isFalse();
        }
    }

    @Test
    void withoutItsDatabaseTheServerIsAliveButNotReadyAndSaysNoMore() throws Exception {
        try (ServerFixture f = new ServerFixture(dir, false)) {
            String database = f.server.database().describe();
            f.server.database().close();
            HttpResponse<String> live = f.get("/healthz", null);
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = f.get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode problem = ServerFixture.json(ready);
            assertThat(problem.get("type").asText()).isEqualTo("/problems/store-unavailable");
            assertThat(ready.body())
                    .doesNotContain(database)
                    .doesNotContain(dir.toString())
                    .doesNotContain("Exception")
                    .doesNotContain("jdbc");
        }
    }
}
