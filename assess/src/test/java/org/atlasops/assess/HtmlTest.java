package org.atlasops.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.atlasops.assess.coverage.CoverageChart;
import org.atlasops.assess.coverage.TrendChart;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void everyChartOpensWithOneEscapedTitleAndDescription() {
        String open = Html.svgOpen(Optional.of("a\"b"), 300, 120, "<T>", "d & e");
        assertThat(open)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"a&quot;b-title "
                        + "a&quot;b-desc\" width=\"300\" height=\"120\" viewBox=\"0 0 300 120\"")
                .contains("<title id=\"a&quot;b-title\">&lt;T&gt;</title><desc id=\"a&quot;b-desc\">d &amp; e</desc>")
                .doesNotContain("<T>");
        assertThat(Html.svgOpen(Optional.empty(), 10, 20, "t", "d"))
                .doesNotContain("aria-labelledby", " id=")
                .contains("<title>t</title><desc>d</desc>");
        // the module's charts open with it
        assertThat(TrendChart.svg("trend", List.of()))
                .startsWith(Html.svgOpen(Optional.of("trend"), 0, 0, "", "").substring(0, 60));
        assertThat(CoverageChart.svg(List.of())).contains("<title>Detection coverage per tactic</title><desc>");
    }
}
