package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.atlasops.server.web.MarkdownHtml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer pages as HTML, their security headers, and sanitised Markdown. */
class PagesTest {
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

    private static String page(String path) throws Exception {
        HttpResponse<String> r = s.get(path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("https://cdn");
        return r.body();
    }

    @Test
    void theMatrixShowsEveryTacticInOrderWithMaturity() throws Exception {
        String html = page("/");
        assertThat(html).contains("Reconnaissance", "Impact", "LLM Prompt Injection", "maturity m-realized");
        assertThat(html.indexOf("Reconnaissance")).isLessThan(html.indexOf("Impact"));
        assertThat(page("/?release=4.9.1")).contains("<option selected>4.9.1</option>");
    }

    @Test
    void theMatrixExplainsItsMaturityBadgesWhenTheReleaseHasThem() throws Exception {
        assertThat(page("/"))
                .contains("class=\"maturity-legend\"")
                .contains("<span class=\"maturity m-feasible\">F</span> feasible");
        // ATLAS 4.9.1 has no maturity, so no badges and no legend
        assertThat(page("/?release=4.9.1")).doesNotContain("maturity-legend").doesNotContain("maturity m-");
    }

    @Test
    void objectPagesLinkTheirRelations() throws Exception {
        assertThat(page("/techniques/AML.T0051"))
                .contains(
                        "Sub-techniques (3)",
                        "Mitigations (6)",
                        "href=\"/mitigations/AML.M0020\"",
                        "Case studies",
                        "Permalink");
        assertThat(page("/tactics/AML.TA0005")).contains("Techniques (");
        assertThat(page("/mitigations/AML.M0020")).contains("Techniques addressed");
        String study = page("/studies/AML.CS0016");
        assertThat(study).contains("class=\"timeline\"", "tl-step", "Procedure (");
        assertThat(page("/mitigations")).contains("Mitigations (35)");
        assertThat(page("/studies")).contains("Case studies (57)");
    }

    @Test
    void searchAndDiffPages() throws Exception {
        assertThat(page("/search?q=prompt+injection")).contains("/techniques/AML.T0051");
        String diff = page("/diff?from=4.9.1&to=5.6.0");
        assertThat(diff).contains("Added (", "Changed (");
        HttpResponse<String> unknown =
                s.send(s.request("/diff?from=0.1&to=5.6.0").header("Accept", "text/html"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("is not known here");
    }

    @Test
    void unknownPagesAreFriendly404s() throws Exception {
        HttpResponse<String> r = s.send(s.request("/techniques/AML.T9999").header("Accept", "text/html"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Back to the matrix");
    }

    @Test
    void markdownFromDataCannotInjectMarkupOrScriptLinks() {
        String html = MarkdownHtml.render("Hi <script>alert(1)</script> <img src=x onerror=alert(1)> "
                + "[x](javascript:alert(1)) [ok](/techniques/AML.T0051) [web](https://example.org)");
        assertThat(html)
                .doesNotContain("<script>")
                .doesNotContain("<img")
                .doesNotContain("javascript:")
                .contains("&lt;script&gt;")
                .contains("href=\"/techniques/AML.T0051\"")
                .contains("rel=\"noopener noreferrer\"");
        assertThat(MarkdownHtml.render("x<sup>[1]</sup> <sup onclick=alert(1)>y</sup> <SUP>z</SUP>"))
                .contains("<sup>[1]</sup>")
                .contains("&lt;sup onclick")
                .contains("<sup>z</sup>");
    }

    @Test
    void assetsAreServedByUs() throws Exception {
        for (String a : new String[] {
            "app.css", "site.js", "http.js", "workspace.js", "layers.js", "api.js", "matrix.js", "favicon.svg"
        }) {
            assertThat(s.get("/assets/" + a, null).statusCode()).as(a).isEqualTo(200);
        }
    }
}
