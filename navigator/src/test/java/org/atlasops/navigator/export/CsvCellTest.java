package org.atlasops.navigator.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {
    @Test
    void quotesOnlyWhatNeedsQuoting() {
        assertThat(CsvCell.of("LLM Prompt Injection")).isEqualTo("LLM Prompt Injection");
        assertThat(CsvCell.of("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvCell.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCell.of("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCell.of("")).isEmpty();
    }

    @Test
    void formulasAreDefusedButNumbersKept() {
        assertThat(CsvCell.of("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvCell.of("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCell.of("+1+2")).isEqualTo("'+1+2");
        assertThat(CsvCell.of("\tcmd")).isEqualTo("'\tcmd");
        // a formula followed by a line break is still a formula
        assertThat(CsvCell.of("=cmd|' /C calc'!A0\nnext")).startsWith("\"'=cmd");
        assertThat(CsvCell.of("-12")).isEqualTo("-12");
        assertThat(CsvCell.of("-0.5")).isEqualTo("-0.5");
        assertThat(CsvCell.of("-x")).isEqualTo("'-x");
    }
}
