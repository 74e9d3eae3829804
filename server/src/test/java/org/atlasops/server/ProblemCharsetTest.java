package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems name what the user sent, in any script: the body is UTF-8 and says so. */
class ProblemCharsetTest {
    @TempDir
    Path dir;

    @Test
    void aProblemKeepsNonAsciiCharactersOfTheRequest() throws Exception {
        try (ServerFixture f = new ServerFixture(dir, false)) {
            // a release version in Cyrillic and Greek with an accent: the detail repeats it
            String version = "\u0432\u0435\u0440\u0441\u0438\u044f-\u03b1\u00e9";
            HttpResponse<byte[]> r = f.sendBytes(f.request("/api/v1/releases/"
                            + java.net.URLEncoder.encode(version, StandardCharsets.UTF_8) + "/matrix")
                    .GET());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t.toLowerCase(java.util.Locale.ROOT))
                            .startsWith("application/problem+json")
                            .contains("charset=utf-8"));
            String detail = ServerFixture.JSON
                    .readTree(new String(r.body(), StandardCharsets.UTF_8))
                    .get("detail")
                    .asText();
            assertThat(detail).contains("'" + version + "'");
        }
    }
}
