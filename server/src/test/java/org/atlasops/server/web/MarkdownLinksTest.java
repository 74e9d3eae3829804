package org.atlasops.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, findings 4 and 10: what counts as a path on this site ({@link Html#sitePath}, for sign-in redirects and
 * Markdown links), and which Markdown links become anchors: http(s), mailto and paths that stay on our origin.
 */
class MarkdownLinksTest {
    /** Each of these leads a browser off the site (or is not a path); none may be taken as one. */
    private static final List<String> OFF_SITE = List.of(
            "//evil.example",
            "//evil.example/techniques",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/ /evil.example",
            "/\u0000/evil.example",
            "/\u00a0/evil.example",
            "/\u3000/evil.example",
            "/%zz",
            "/%4",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "techniques/AML.T0051",
            "",
            "/\"onmouseover=\"x",
            "/<script>");

    @Test
    void onlyOneLeadingSlashAndPlainUrlCharactersMakeASitePath() {
        for (String bad : OFF_SITE) {
            assertThat(Html.sitePath(bad))
                    .as(bad.replace("\t", "<TAB>").replace("\n", "<LF>"))
                    .isEmpty();
        }
        assertThat(Html.sitePath(null)).isEmpty();
        for (String good : List.of(
                "/",
                "/techniques/AML.T0051",
                "/layers?offset=100&limit=100",
                "/workspace?ids=1,2#cell",
                "/%2F%2Fevil.example",
                "/%5Cevil.example",
                "/search?q=prompt%20injection",
                "/a/../b")) {
            assertThat(Html.sitePath(good)).as(good).contains(good);
        }
    }

    @Test
    void markdownLinksToOtherHostsThroughSlashesAreText() {
        String html = MarkdownHtml.render("[a](//evil.example/x) [b](/\\evil.example) [c](</\t/evil.example>) "
                + "[d](\\\\evil.example) [e](/techniques/AML.T0051) [f](/) [g](https://example.org/p)");
        assertThat(html)
                .doesNotContain("evil.example\"")
                .doesNotContainPattern("href=\"[^\"]*evil")
                .contains("<a href=\"/techniques/AML.T0051\">e</a>")
                .contains("<a href=\"/\">f</a>")
                .contains("<a href=\"https://example.org/p\" rel=\"noopener noreferrer\">g</a>");
        assertThat(html).as("the words stay, as text").contains("<p>a b c d <a");
    }

    @Test
    void mailtoLinksAreKeptAndNothingElseIs() {
        assertThat(MarkdownHtml.render("Write to [the team](mailto:atlas@example.org?subject=AML.T0051)."))
                .contains("<a href=\"mailto:atlas@example.org?subject=AML.T0051\">the team</a>");
        assertThat(MarkdownHtml.render("[x](mailto:javascript:alert(1)) [y](data:text/html,hi) [z](ftp://x.example/)"))
                .doesNotContain("<a ");
        assertThat(MarkdownHtml.render("![pic](mailto:a@example.org)"))
                .as("an image is never loaded from mailto")
                .doesNotContain("<img");
    }
}
