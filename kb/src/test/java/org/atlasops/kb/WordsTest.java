package org.atlasops.kb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Words.count(1, "incident")).isEqualTo("1 incident");
        assertThat(Words.count(0, "incident")).isEqualTo("0 incidents");
        assertThat(Words.count(2, "tool or MCP server", "tools and MCP servers"))
                .isEqualTo("2 tools and MCP servers");
        assertThat(Words.count(1, "tool or MCP server", "tools and MCP servers"))
                .isEqualTo("1 tool or MCP server");
    }
}
