package org.atlasops.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Links from data become anchors only for http(s) URLs; everything else is escaped text. */
class HtmlTest {
    @Test
    void onlyHttpAndHttpsUrlsWithAHostAreLinked() {
        assertThat(Html.safeHref("https://atlas.mitre.org/techniques/AML.T0051"))
                .contains("https://atlas.mitre.org/techniques/AML.T0051");
        assertThat(Html.safeHref(" HTTP://example.org/a?b=c ")).contains("HTTP://example.org/a?b=c");
        for (String bad : new String[] {
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "https:alert(1)",
            "//evil.example/x",
            "/relative",
            "mailto:a@b.c",
            "file:///etc/passwd",
            "",
            "http://",
            "https://a b"
        }) {
            assertThat(Html.safeHref(bad)).as(bad).isEmpty();
        }
        assertThat(Html.safeHref(null)).isEmpty();
    }

    @Test
    void anUnsafeLinkIsShownAsEscapedText() {
        assertThat(Html.link("https://example.org/?a=1&b='2'", "Example <site>"))
                .isEqualTo("<a href=\"https://example.org/?a=1&amp;b=&#39;2&#39;\" rel=\"noopener noreferrer\">Example "
                        + "&lt;site&gt;</a>");
        assertThat(Html.link("https://example.org/\"onmouseover=\"x", "quoted"))
                .as("a quote cannot leave the attribute: such a URL is malformed, so text")
                .doesNotContain("href")
                .startsWith("quoted <span class=\"muted\">");
        String shown = Html.link("javascript:alert('x')", "<b>click</b>");
        assertThat(shown)
                .doesNotContain("href")
                .doesNotContain("<b>")
                .isEqualTo("&lt;b&gt;click&lt;/b&gt; <span class=\"muted\">javascript:alert(&#39;x&#39;)</span>");
        assertThat(Html.link("javascript:alert(1)", "javascript:alert(1)")).isEqualTo("javascript:alert(1)");
    }
}
