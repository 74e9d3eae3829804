package org.atlasops.assess.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.atlasops.assess.Samples;
import org.atlasops.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

class MetricsChartTest {
    private static final KnowledgeBase KB = Samples.latest();

    @Test
    void everyGroupWithTheFigureHasItsMeanMedianAndP90Titled() {
        SocMetrics.Report r = SocMetrics.compute(
                Timelines.read(Samples.dir().resolve("support-bot-timelines.yaml"), KB),
                KB,
                Optional.empty(),
                Optional.empty());
        String svg = MetricsChart.svg("d", "Time to detect per technique", r.byTechnique(), MetricsChart.Metric.DETECT);
        assertThat(svg)
                .contains("<title id=\"d-title\">Time to detect per technique</title>", "<desc id=\"d-desc\">")
                .doesNotContain("<script");
        for (SocMetrics.Figures f : r.byTechnique()) {
            SocMetrics.Stats s = f.detect().orElseThrow();
            assertThat(svg)
                    .contains(f.group() + ": time to detect median " + MetricsReport.human(s.median()))
                    .contains(f.group() + ": time to detect p90 " + MetricsReport.human(s.p90()));
        }
        // INC-104 was never contained: its technique has no time to respond and is named as left out
        String respond = MetricsChart.svg("r", "Time to respond", r.byTechnique(), MetricsChart.Metric.RESPOND);
        assertThat(respond).contains("without this figure left out").doesNotContain("AML.T0034.000: time to respond");
        assertThat(MetricsChart.svg("n", "<none>", List.of(), MetricsChart.Metric.DETECT))
                .contains("&lt;none&gt;", "No incident has a time to detect");
    }
}
