package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.atlasops.store.Database;
import org.atlasops.store.LayerStore;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 1: one upload must not break the layer list for everyone. A layer over the limits is refused
 * before anything is written (no row, no audit entry); a stored row that no longer reads is reported in the list,
 * the rest listed; its owner and an admin can delete it.
 */
class LayerLimitsApiTest {
    /** An in-memory H2 database the test can also reach directly, to damage a stored row as a bug or an edit could. */
    private static final String URL =
            "jdbc:h2:mem:layer-limits-" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1";

    @TempDir
    Path dir;

    ServerFixture s;
    String analyst;
    String admin;

    @BeforeEach
    void start() {
        s = new ServerFixture(
                dir, Optional.of(new Database.Location(URL, Optional.of("sa"), Optional.of(""))), false, List.of());
        analyst = s.token("ana", Role.ANALYST);
        admin = s.token("root", Role.ADMIN);
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            c.createStatement().execute("DROP ALL OBJECTS");
        }
    }

    private static String layerWithEntries(int n) {
        StringBuilder b = new StringBuilder("{\"name\":\"huge\",\"domain\":\"atlas-atlas\",\"techniques\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"techniqueID\":\"AML.T")
                    .append(1000 + i)
                    .append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aLayerWithTooManyEntriesIsRefusedAndNothingIsWritten() throws Exception {
        HttpResponse<String> r =
                s.call("POST", "/api/v1/layers", analyst, layerWithEntries(LayerStore.MAX_ENTRIES + 1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(ServerFixture.json(r).get("type").asText()).isEqualTo("/problems/too-large");
        assertThat(ServerFixture.json(r).get("detail").asText()).contains("at most " + LayerStore.MAX_ENTRIES);
        JsonNode list = ServerFixture.json(s.get("/api/v1/layers", analyst));
        assertThat(list.get("total").asLong()).isZero();
        assertThat(s.get("/api/v1/audit", admin).body()).doesNotContain("layer.create");
        HttpResponse<String> ok = s.call("POST", "/api/v1/layers", analyst, layerWithEntries(LayerStore.MAX_ENTRIES));
        assertThat(ok.statusCode()).as("at the limit").isEqualTo(201);
        assertThat(s.get("/api/v1/audit", admin).body()).contains("layer.create");
    }

    @Test
    void anUnreadableRowIsReportedAndTheRestListedAndItCanBeDeleted() throws Exception {
        long good = ServerFixture.json(s.call("POST", "/api/v1/layers", analyst, "{\"name\":\"good\"}"))
                .get("id")
                .asLong();
        long bad = ServerFixture.json(s.call("POST", "/api/v1/layers", analyst, "{\"name\":\"bad\"}"))
                .get("id")
                .asLong();
        long other = ServerFixture.json(s.call("POST", "/api/v1/layers", analyst, "{\"name\":\"other\"}"))
                .get("id")
                .asLong();
        damage(bad);
        damage(other);

        HttpResponse<String> list = s.get("/api/v1/layers", s.token("vic", Role.VIEWER));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode rows = ServerFixture.json(list).get("layers");
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            if (row.get("id").asLong() == good) {
                assertThat(row.get("entries").asInt()).isZero();
                assertThat(row.has("unreadable")).isFalse();
            } else {
                assertThat(row.get("unreadable").asText()).contains("not valid JSON");
                assertThat(row.has("entries")).isFalse();
            }
        }
        HttpResponse<String> page = s.get("/layers", analyst);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(">good</a>").contains(">bad</a>").contains("unreadable: ");

        assertThat(s.call("DELETE", "/api/v1/layers/" + bad, s.token("eve", Role.ANALYST), null)
                        .statusCode())
                .as("not the owner")
                .isEqualTo(403);
        assertThat(s.call("DELETE", "/api/v1/layers/" + bad, admin, null).statusCode())
                .as("an admin")
                .isEqualTo(204);
        assertThat(s.call("DELETE", "/api/v1/layers/" + other, analyst, null).statusCode())
                .as("the owner")
                .isEqualTo(204);
        assertThat(ServerFixture.json(s.get("/api/v1/layers", analyst))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(s.get("/api/v1/audit", admin).body()).contains("layer.delete");
    }

    private static void damage(long layer) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "sa", "");
                PreparedStatement ps =
                        c.prepareStatement("UPDATE layer_revisions SET content = ? WHERE layer_id = ?")) {
            ps.setString(1, "{\"name\": \"damaged\", \"techniques\": [");
            ps.setLong(2, layer);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
