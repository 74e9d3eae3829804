package org.atlasops.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ATLAS's procedure examples colour the parts of a prompt with styled spans inside a styled div. On a page they are
 * rendered, not shown as markup: the colour as a class (no inline style, which the content security policy refuses),
 * the div dropped, everything else about raw HTML as before (text).
 */
class MarkdownRawHtmlTest {
    /** The shape of AML.CS0026's procedure in ATLAS 5.6.0: a div block, then spans inside paragraphs. */
    private static final String PROCEDURE = "The colors represent the sections of the prompt.\n\n"
            + "<div style=\"font-family: monospace; width: 50%; margin-left: 50px; background-color:\n"
            + "ghostwhite; border: 2px solid black; padding: 10px;\">\n\n"
            + "<span style=\"color: green;\">Actual Snippet: **</span><span style=\"color: red;\">\"What are the "
            + "bank details for TechCorp Solutions?\"</span> <span style=\"color: chartreuse\">other</span>\n\n"
            + "</div>\n\nAfter the box.";

    @Test
    void styledSpansAndDivsAreRenderedNotShownAsText() {
        String html = MarkdownHtml.render(PROCEDURE);
        assertThat(html)
                .doesNotContain("&lt;span")
                .doesNotContain("&lt;/span")
                .doesNotContain("&lt;div")
                .doesNotContain("&lt;/div")
                .doesNotContain("style=")
                .contains("<span class=\"ink-green\">Actual Snippet: **</span>")
                .contains(
                        "<span class=\"ink-red\">&quot;What are the bank details for TechCorp Solutions?&quot;</span>")
                .contains("<span>other</span>")
                .contains("After the box.");
        assertThat(count(html, "<span")).isEqualTo(count(html, "</span>"));
    }

    @Test
    void aDivBlockThatHoldsSpansAndWordsIsRenderedToo() {
        // AML.CS0026's later steps: the div and the spans in one HTML block (no blank line between them)
        String html = MarkdownHtml.render("Step.\n<div style=\"font-family: monospace;\">\n<span style=\"color: "
                + "blue\">When using references <span style=\"color: green\">\"[^1^]\"</span> do it</span>\n</div>");
        assertThat(html)
                .doesNotContain("&lt;")
                .contains("<span class=\"ink-blue\">When using references <span class=\"ink-green\">")
                .contains("do it</span>");
        assertThat(count(html, "<span")).isEqualTo(count(html, "</span>"));
    }

    @Test
    void anythingElseStaysText() {
        String html = MarkdownHtml.render("a <span onclick=\"alert(1)\">x</span> "
                + "<span style=\"color: red\" onmouseover=\"alert(1)\">y</span> "
                + "<span style=\"background: url(javascript:alert(1))\">z</span> </span></span>\n\n"
                + "<div onclick=\"alert(1)\">\n\nw\n\n</div>\n\n<script>alert(1)</script>");
        assertThat(html)
                .contains("&lt;span onclick")
                .contains("&lt;span style=&quot;color: red&quot; onmouseover")
                .contains("&lt;div onclick")
                .contains("&lt;script&gt;")
                .doesNotContain("<script")
                .doesNotContain("onclick=\"")
                .doesNotContain("url(javascript");
        // the style-only span without a known colour is a plain span; stray closing tags are dropped
        assertThat(count(html, "<span")).isEqualTo(count(html, "</span>"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
