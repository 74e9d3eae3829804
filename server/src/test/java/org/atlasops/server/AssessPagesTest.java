package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assessment pages and API on the documented example system: form, threat model, coverage chart, bad input. */
class AssessPagesTest {
    private static final Path SYSTEM = Path.of("..", "samples", "assess", "support-bot.yaml");
    private static final String BAD = "id: x\nexposure: public\nmitigations: [AML.M015]\n";

    @TempDir
    static Path dir;

    static ServerFixture s;

    @BeforeAll
    static void start() {
        s = new ServerFixture(dir, false);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static HttpResponse<String> multipart(String path, String inventory, String fileName, String file)
            throws Exception {
        String boundary = "b0undary42";
        StringBuilder b = new StringBuilder();
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"inventory\"\r\n\r\n");
        b.append(inventory).append("\r\n");
        if (file != null) {
            b.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                    .append(fileName)
                    .append("\"\r\nContent-Type: application/yaml\r\n\r\n")
                    .append(file)
                    .append("\r\n");
        }
        b.append("--").append(boundary).append("--\r\n");
        return s.send(s.request(path)
                .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private static void safe(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
        assertThat(r.body()).doesNotContain("<script>").doesNotContain(" style=\"");
    }

    @Test
    void theFormIsInTheNavAndTakesPasteOrUpload() throws Exception {
        HttpResponse<String> r = s.get("/assess", null);
        assertThat(r.statusCode()).isEqualTo(200);
        safe(r);
        assertThat(r.body())
                .contains("<a href=\"/assess\">Assess</a>")
                .contains("enctype=\"multipart/form-data\"", "name=\"inventory\"", "type=\"file\"")
                .contains("formaction=\"/assess/coverage\"");
    }

    @Test
    void thePastedExampleGivesAThreatModelWithReasonsPartsAndMitigations() throws Exception {
        HttpResponse<String> r = multipart("/assess/model", Files.readString(SYSTEM), null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        safe(r);
        JsonNode api = ServerFixture.json(s.send(s.request("/api/v1/assess/threat-model")
                .POST(HttpRequest.BodyPublishers.ofFile(SYSTEM))
                .header("Content-Type", "application/yaml")));
        JsonNode first = api.get("applicable").get(0);
        assertThat(r.body())
                .contains("Threat model: ", api.get("name").asText())
                .contains(api.get("applicable").size() + " of ")
                .contains(first.get("id").asText(), "Mitigations to apply first")
                .contains(api.get("mitigations").get(0).get("id").asText());
        assertThat(first.get("reasons").size()).isPositive();
        assertThat(first.get("parts").size()).isPositive();
        assertThat(r.body()).contains(first.get("parts").get(0).get("name").asText());
    }

    @Test
    void anUploadedInventoryGivesCoverageWithTheChartAsSvg() throws Exception {
        HttpResponse<String> r = multipart("/assess/coverage", "", "support-bot.yaml", Files.readString(SYSTEM));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        safe(r);
        assertThat(r.body())
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", "Detection coverage per tactic")
                .contains("Per tactic", "applicable techniques detected");
        JsonNode api = ServerFixture.json(s.send(s.request("/api/v1/assess/coverage")
                .POST(HttpRequest.BodyPublishers.ofFile(SYSTEM))
                .header("Content-Type", "application/yaml")));
        assertThat(api.get("tactics").size()).isPositive();
        assertThat(r.body())
                .contains(api.get("detected").asText() + " of "
                        + api.get("applicable").asText());
    }

    @Test
    void aFlawedInventoryIsNamedByLineAndField() throws Exception {
        HttpResponse<String> page = multipart("/assess/model", BAD, null, null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("inventory:3:15: mitigations[0]: &#39;AML.M015&#39; is not an ATLAS ID");
        assertThat(page.body()).contains("exposure: public");
        HttpResponse<String> api = s.send(s.request("/api/v1/assess/coverage")
                .POST(HttpRequest.BodyPublishers.ofString(BAD))
                .header("Content-Type", "application/yaml"));
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = ServerFixture.json(api);
        assertThat(p.get("type").asText()).endsWith("/problems/invalid-inventory");
        assertThat(p.get("detail").asText()).startsWith("inventory:3:15: mitigations[0]: 'AML.M015'");
        HttpResponse<String> big = s.send(s.request("/api/v1/assess/threat-model")
                .POST(HttpRequest.BodyPublishers.ofString("#".repeat(300 * 1024)))
                .header("Content-Type", "application/yaml"));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(ServerFixture.json(big).get("detail").asText()).contains("larger than 256 KiB");
    }
}
