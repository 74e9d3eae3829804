package org.atlasops.assess.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.Samples;
import org.atlasops.assess.dettect.DettectReader;
import org.atlasops.assess.dettect.DettectWriter;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatModeller;
import org.atlasops.detect.prompt.PromptDetector;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.matrix.LayerValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final KnowledgeBase KB = Samples.latest();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-03");
    private static ThreatModel model;
    private static TechniqueAdministration manual;
    private static Coverage coverage;

    @BeforeAll
    static void compute() {
        model = ThreatModeller.bundled(KB).model(Samples.supportBotInventory());
        manual = DettectReader.techniques(Samples.dir().resolve("support-bot-techniques.yaml"), Optional.of(KB));
        coverage = CoverageCalculator.compute(
                model,
                KB,
                List.of(
                        new SigmaEvidence(true, List.of(Samples.dir().resolve("rules")), true),
                        new AnalyzerEvidence(),
                        new ManualEvidence(manual)),
                Optional.of(manual),
                Optional.of(DettectReader.dataSources(Samples.dir().resolve("support-bot-data-sources.yaml"))),
                CoverageCalculator.DEFAULT_THRESHOLD,
                TODAY);
    }

    @Test
    void rulesAnalyzersAndManualScoresCombinePerTechnique() {
        TechniqueCoverage exfil = coverage.technique(AtlasId.parse("AML.T0086")).orElseThrow();
        assertThat(exfil.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.SIGMA_RULE);
            assertThat(e.label()).contains("tickets_bulk_email.yml");
            assertThat(e.score()).isEqualTo(SigmaEvidence.TESTED);
            assertThat(e.detail()).isEqualTo("tests pass");
        });
        assertThat(exfil.status()).isEqualTo(TechniqueCoverage.Status.DETECTED);
        TechniqueCoverage direct =
                coverage.technique(PromptDetector.DIRECT_INJECTION).orElseThrow();
        assertThat(direct.evidence()).extracting(Evidence::kind).contains(Evidence.Kind.ANALYZER, Evidence.Kind.MANUAL);
        assertThat(direct.visibility()).isEqualTo(3);
        TechniqueCoverage waf = coverage.technique(AtlasId.parse("AML.T0049")).orElseThrow();
        assertThat(waf.detection()).isEqualTo(4);
        assertThat(waf.evidence()).allMatch(e -> e.kind() == Evidence.Kind.MANUAL);
        assertThat(coverage.dataSources()).containsExactly("LLM calls (OpenTelemetry GenAI)", "MCP messages");
    }

    @Test
    void aParentWithoutRulesOfItsOwnIsDetectedThroughItsSubTechniques() {
        TechniqueCoverage injection =
                coverage.technique(AtlasId.parse("AML.T0051")).orElseThrow();
        assertThat(injection.status().covered()).isTrue();
        assertThat(injection.evidence()).allSatisfy(e -> assertThat(e.label()).startsWith("via AML.T0051."));
    }

    @Test
    void perTacticPercentagesCountOnlyTheTechniquesThatApply() {
        int applicable = model.applicable().size();
        assertThat(coverage.techniques()).hasSize(applicable);
        for (TacticCoverage t : coverage.tactics()) {
            long expected = coverage.techniques().stream()
                    .filter(x -> x.tactics().contains(t.name()))
                    .count();
            assertThat(t.applicable()).as(t.name()).isEqualTo(expected);
            assertThat(t.percent()).isEqualTo(Math.round(1000.0 * t.detected() / t.applicable()) / 10.0);
        }
        assertThat(coverage.tactics()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("Exfiltration");
            assertThat(t.detected()).isPositive();
        });
    }

    @Test
    void theTrendFollowsTheDatedHistory() {
        assertThat(coverage.trend())
                .extracting(TrendPoint::date)
                .containsExactly(
                        LocalDate.parse("2026-06-01"),
                        LocalDate.parse("2026-09-15"),
                        LocalDate.parse("2026-10-01"),
                        LocalDate.parse("2026-11-01"),
                        TODAY);
        TrendPoint june = coverage.trend().get(0);
        TrendPoint now = coverage.trend().get(coverage.trend().size() - 1);
        // the WAF went from forensics only (0) to 4 on 09-15, the ticket-form search from -1 to 2 on 11-01
        assertThat(coverage.trend().get(1).detected()).isEqualTo(june.detected() + 1);
        assertThat(coverage.trend().get(3).detected()).isEqualTo(june.detected() + 2);
        assertThat(now.detected()).isEqualTo(june.detected() + 2);
        assertThat(now.percent()).isEqualTo(coverage.percent());
    }

    @Test
    void anEmulationRunOverridesWhatTheRulesClaim() {
        AtlasId exfil = AtlasId.parse("AML.T0086");
        AtlasId direct = PromptDetector.DIRECT_INJECTION;
        EvidenceSource run = new EvidenceSource() {
            @Override
            public String name() {
                return "emulation run 2026-11-30";
            }

            @Override
            public List<Evidence> collect(KnowledgeBase kb) {
                return List.of(
                        new Evidence(
                                exfil,
                                Evidence.Kind.EMULATION_MISSED,
                                -1,
                                Optional.of(LocalDate.parse("2026-11-30")),
                                "run r1",
                                "no alert"),
                        new Evidence(
                                direct,
                                Evidence.Kind.EMULATION_DETECTED,
                                5,
                                Optional.of(LocalDate.parse("2026-11-30")),
                                "run r1",
                                "alert a7"));
            }
        };
        Coverage c = CoverageCalculator.compute(
                model,
                KB,
                List.of(
                        new SigmaEvidence(false, List.of(Samples.dir().resolve("rules")), true),
                        new AnalyzerEvidence(),
                        run),
                Optional.empty(),
                Optional.empty(),
                1,
                TODAY);
        assertThat(c.technique(exfil).orElseThrow().status()).isEqualTo(TechniqueCoverage.Status.PROVEN_GAP);
        assertThat(c.technique(exfil).orElseThrow().detection()).isEqualTo(-1);
        assertThat(c.technique(direct).orElseThrow().status()).isEqualTo(TechniqueCoverage.Status.PROVEN);
        assertThat(c.technique(direct).orElseThrow().detection()).isEqualTo(5);
    }

    @Test
    void layersForDetectionVisibilityAndBothAreValid() {
        for (CoverageLayers.Kind kind : CoverageLayers.Kind.values()) {
            Layer layer = CoverageLayers.of(coverage, KB, kind);
            assertThat(LayerValidator.validate(layer, KB, kind.key()))
                    .noneMatch(i -> i.severity() == LayerIssue.Severity.ERROR);
            assertThat(layer.techniques())
                    .anySatisfy(t -> assertThat(t.techniqueId()).isEqualTo("AML.T0086"));
        }
        assertThat(CoverageLayers.of(coverage, KB, CoverageLayers.Kind.DETECTION)
                        .techniques())
                .anySatisfy(t -> {
                    assertThat(t.techniqueId()).isEqualTo("AML.T0049");
                    assertThat(t.score()).hasValue(4.0);
                });
    }

    @Test
    void reportsCarryTheFiguresAndTheChartIsEscapedSvg() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CoverageReport.jsonText(coverage));
        assertThat(json.get("applicable").asInt())
                .isEqualTo(coverage.techniques().size());
        assertThat(json.get("tactics")).hasSize(coverage.tactics().size());
        assertThat(json.get("trend")).hasSize(coverage.trend().size());
        String html = CoverageReport.html(coverage);
        assertThat(html).contains("<svg").contains("Exfiltration");
        assertThat(CoverageChart.svg(List.of(new TacticCoverage(AtlasId.parse("AML.TA0002"), "<b>x</b>", 2, 1, 1))))
                .contains("&lt;b&gt;x&lt;/b&gt;")
                .contains("50.0% (1/2)");
        assertThat(CoverageReport.markdown(coverage)).contains("| tactic | applicable |");
    }

    @Test
    void theTrendIsALineOverTheDatesWithATitleAndADescription() {
        assertThat(coverage.trend()).hasSizeGreaterThan(2);
        String svg = TrendChart.svg("t<1>", coverage.trend());
        TrendPoint first = coverage.trend().get(0);
        TrendPoint last = coverage.trend().get(coverage.trend().size() - 1);
        assertThat(svg)
                .contains("aria-labelledby=\"t&lt;1&gt;-title t&lt;1&gt;-desc\"")
                .contains("<title id=\"t&lt;1&gt;-title\">Detection coverage over time</title>")
                .contains("<desc id=\"t&lt;1&gt;-desc\">" + coverage.trend().size() + " points from " + first.date())
                .contains("<polyline")
                .contains(last.date().toString())
                .doesNotContain("<script");
        // one circle per point, each titled with its figures
        assertThat(svg.split("<circle", -1)).hasSize(coverage.trend().size() + 1);
        assertThat(svg)
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%s: %d of %d detected",
                        last.date(),
                        last.detected(),
                        last.applicable()));
        assertThat(TrendChart.svg("one", List.of(last)))
                .doesNotContain("<polyline")
                .contains("<circle");
        assertThat(CoverageReport.html(coverage)).contains("Detection coverage over time");
        assertThat(CoverageChart.svg(coverage.tactics())).contains("<desc>Percentage of the applicable techniques");
    }

    @Test
    void theDettectExportAddsTodaysScoresAsHistoryAndKeepsTheTeamsEntries() throws Exception {
        TechniqueAdministration merged = DettectExport.merge(Optional.of(manual), coverage, TODAY);
        var waf = merged.technique(AtlasId.parse("AML.T0049")).orElseThrow();
        assertThat(waf.detection()).hasSize(2);
        assertThat(waf.detection().get(0))
                .isEqualTo(manual.technique(AtlasId.parse("AML.T0049"))
                        .orElseThrow()
                        .detection()
                        .get(0));
        assertThat(merged.technique(AtlasId.parse("AML.T0086")).orElseThrow().detectionAsOf(TODAY))
                .hasValue(SigmaEvidence.TESTED);
        // a second run the next day with the same evidence adds nothing
        TechniqueAdministration again = DettectExport.merge(Optional.of(merged), coverage, TODAY.plusDays(1));
        assertThat(DettectWriter.techniques(again)).isEqualTo(DettectWriter.techniques(merged));
        Path p = Path.of(
                System.getProperty("java.io.tmpdir"),
                "assess-export-" + ProcessHandle.current().pid() + ".yaml");
        try {
            java.nio.file.Files.writeString(p, DettectWriter.techniques(merged));
            assertThat(DettectReader.techniques(p, Optional.of(KB)).techniques())
                    .hasSameSizeAs(merged.techniques());
        } finally {
            java.nio.file.Files.deleteIfExists(p);
        }
    }
}
