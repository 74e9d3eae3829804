package org.atlasops.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalMarkdownTest {
    @Test
    void atlasLinksBecomeNamesWithIdsOtherLinksKeepTheirUrl() {
        assertThat(TerminalMarkdown.render(
                        "Use [Prompt Injection](/techniques/AML.T0051) or see "
                                + "[the paper](https://arxiv.org/abs/1) and https://x.y/z.",
                        100,
                        ""))
                .isEqualTo(
                        "Use Prompt Injection (AML.T0051) or see the paper <https://arxiv.org/abs/1> and https://x.y/z.");
    }

    @Test
    void rawHtmlIsDroppedEntitiesDecodedAndControlsRemoved() {
        assertThat(TerminalMarkdown.render(
                        "<span style=\"color:red\">Bold</span> &#42;star&#42; &amp; "
                                + "&lt;tag&gt; &#27;[2Jx &#x202E;y",
                        100,
                        ""))
                .isEqualTo("Bold *star* & <tag> [2Jx y");
    }

    @Test
    void paragraphsAreRewrappedAndListsKept() {
        String md = "One line\nsame paragraph.\n\n- first item that is long enough to wrap around\n- second\n\nEnd.";
        assertThat(TerminalMarkdown.render(md, 30, "  "))
                .isEqualTo(String.join(
                        "\n",
                        "  One line same paragraph.",
                        "",
                        "  - first item that is long",
                        "    enough to wrap around",
                        "  - second",
                        "",
                        "  End."));
    }

    @Test
    void longWordsGetTheirOwnLine() {
        assertThat(TerminalMarkdown.render("see https://example.com/a/very/long/path/indeed now", 20, ""))
                .isEqualTo("see\nhttps://example.com/a/very/long/path/indeed\nnow");
    }
}
