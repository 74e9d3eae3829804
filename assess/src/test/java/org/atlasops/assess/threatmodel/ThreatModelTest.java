package org.atlasops.assess.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atlasops.assess.Samples;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.matrix.LayerValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreatModelTest {
    private static final KnowledgeBase KB = Samples.latest();

    @TempDir
    Path dir;

    private static ThreatModel model(SystemInventory s) {
        return ThreatModeller.bundled(KB).model(s);
    }

    private static SystemInventory inventory(String yaml) {
        return InventoryReader.read(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml", KB)
                .orThrow();
    }

    @Test
    void everyTechniqueOfTheReleaseHasExactlyOneRule() {
        ThreatRules rules = ThreatRules.bundledFor("5.6.0");
        assertThat(rules.atlasVersion()).isEqualTo("5.6.0");
        assertThat(KB.techniques()).hasSize(170);
        for (Technique t : KB.techniques()) {
            assertThat(rules.rule(t.id())).as(t.id().value()).isPresent();
        }
        assertThat(rules.rules()).hasSize(170);
        assertThat(rules.check(KB)).isEmpty();
    }

    @Test
    void everyApplicableTechniqueOfTheExampleHasItsReasonPriorityPartsAndMitigations() {
        ThreatModel m = model(Samples.supportBotInventory());
        assertThat(m.notes()).isEmpty();
        assertThat(m.applicable().size() + m.notApplicable().size()).isEqualTo(170);
        for (ApplicableTechnique a : m.applicable()) {
            assertThat(a.why()).as(a.id().value()).isNotBlank();
            assertThat(a.reasons()).as(a.id().value()).isNotEmpty();
            assertThat(a.priority().parts())
                    .extracting(Priority.Part::name)
                    .containsExactly("exposure", "maturity", "evidence", "control-gap");
            double sum = a.priority().parts().stream()
                    .mapToDouble(p -> p.value() * p.weight())
                    .sum();
            assertThat(a.priority().total()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.06));
            assertThat(a.mitigations()).as(a.id().value()).hasSameSizeAs(mitigationsOf(a.id()));
        }
        assertThat(m.applicable())
                .isSortedAccordingTo((x, y) ->
                        Double.compare(y.priority().total(), x.priority().total()));
    }

    /** A technique's own mitigations, else its parent's (the model's rule, checked from the release). */
    private static java.util.List<org.atlasops.kb.Mitigation> mitigationsOf(AtlasId id) {
        java.util.List<org.atlasops.kb.Mitigation> own = KB.mitigationsOf(id);
        return own.isEmpty() && id.parent().isPresent()
                ? KB.mitigationsOf(id.parent().get())
                : own;
    }

    @Test
    void reasonsNameTheComponentAndAttributeThatMadeATechniqueApply() {
        ThreatModel m = model(Samples.supportBotInventory());
        ApplicableTechnique indirect = m.find(AtlasId.parse("AML.T0051.001")).orElseThrow();
        assertThat(indirect.reasons()).anySatisfy(r -> {
            assertThat(r.component()).isEqualTo("componentApplicationInputHandling");
            assertThat(r.componentLabel()).isEqualTo("input filter");
            assertThat(r.detail()).isEqualTo("untrusted-content: web, documents, tool-output");
        });
        ApplicableTechnique exfil = m.find(AtlasId.parse("AML.T0086")).orElseThrow();
        assertThat(exfil.reasons()).anySatisfy(r -> {
            assertThat(r.component()).isEqualTo("componentTools");
            assertThat(r.detail()).isEqualTo("side-effects: tickets (MCP server)");
        });
        assertThat(m.find(AtlasId.parse("AML.T0051")).orElseThrow().cosaiRisks())
                .contains("riskPromptInjection");
        // not tuned, no user data in training, no code execution: these are left out with what they need
        assertThat(m.applies(AtlasId.parse("AML.T0018.000"))).isFalse();
        assertThat(m.applies(AtlasId.parse("AML.T0050"))).isFalse();
        assertThat(m.notApplicable()).anySatisfy(n -> {
            assertThat(n.id()).isEqualTo(AtlasId.parse("AML.T0050"));
            assertThat(n.condition()).isEqualTo("code-execution");
        });
    }

    @Test
    void aMitigationInPlaceClosesPartOfTheGapAndLeavesTheRecommendations() {
        String base = "id: a\nexposure: public\nuntrusted-content: [web]\n";
        AtlasId injection = AtlasId.parse("AML.T0051");
        AtlasId mitigation = KB.mitigationsOf(injection).get(0).id();
        ThreatModel without = model(inventory(base));
        ThreatModel with = model(inventory(base + "mitigations: [" + mitigation + "]\n"));
        double gapWithout = part(without, injection, "control-gap");
        double gapWith = part(with, injection, "control-gap");
        assertThat(gapWith).isLessThan(gapWithout);
        assertThat(with.find(injection).orElseThrow().priority().total())
                .isLessThan(without.find(injection).orElseThrow().priority().total());
        assertThat(with.recommendations()).noneMatch(r -> r.id().equals(mitigation));
        assertThat(without.recommendations())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.uses())
                        .isNotEmpty()
                        .allSatisfy(u -> assertThat(u.use()).isNotBlank()));
    }

    @Test
    void anInternalSystemScoresLowerExposureThanAPublicOne() {
        ThreatModel pub = model(inventory("id: a\nexposure: public\n"));
        ThreatModel internal = model(inventory("id: a\nexposure: internal\n"));
        AtlasId jailbreak = AtlasId.parse("AML.T0054");
        assertThat(part(internal, jailbreak, "exposure")).isLessThan(part(pub, jailbreak, "exposure"));
    }

    @Test
    void weightsAreTunableFromAFile() throws Exception {
        Path w = dir.resolve("weights.yaml");
        Files.writeString(w, "exposure: 0\nmaturity: 0\nevidence: 0\ncontrol-gap: 10\n");
        Weights weights = Weights.read(w);
        ThreatModel m = new ThreatModeller(KB, ThreatRules.bundledFor("5.6.0"), weights, EvidenceCounts.NONE)
                .model(inventory("id: a\nexposure: public\n"));
        assertThat(m.applicable())
                .allSatisfy(a -> assertThat(a.priority().total()).isBetween(0.0, 10.0));
        Files.writeString(w, "exposure: 1\nspeed: 3\n");
        assertThatThrownBy(() -> Weights.read(w))
                .isInstanceOf(AtlasDataException.class)
                .hasMessageContaining("weights.yaml:2:8: speed: unknown weight");
    }

    @Test
    void otherEvidenceCountsRaiseTheEvidencePart() {
        SystemInventory s = inventory("id: a\nexposure: public\n");
        AtlasId jailbreak = AtlasId.parse("AML.T0054");
        EvidenceCounts incidents = new EvidenceCounts() {
            @Override
            public String label() {
                return "incidents";
            }

            @Override
            public int count(AtlasId technique) {
                return technique.equals(jailbreak) ? 50 : 0;
            }
        };
        ThreatModel m = new ThreatModeller(KB, ThreatRules.bundledFor("5.6.0"), Weights.DEFAULT, incidents).model(s);
        Priority.Part evidence =
                m.find(jailbreak).orElseThrow().priority().parts().get(2);
        assertThat(evidence.value()).isEqualTo(1.0);
        assertThat(evidence.detail()).contains("+ 50 incidents");
    }

    private static double part(ThreatModel m, AtlasId id, String name) {
        return m.find(id).orElseThrow().priority().parts().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow()
                .value();
    }

    @Test
    void theLayerScoresPrioritiesWithReasonsAsCommentsAndIsValidForTheRelease() {
        ThreatModel m = model(Samples.supportBotInventory());
        Layer layer = ThreatLayer.of(m, KB);
        assertThat(layer.domain()).isEqualTo(Layer.ATLAS_DOMAIN);
        assertThat(layer.atlasVersion()).contains("5.6.0");
        assertThat(LayerValidator.validate(layer, KB, "layer"))
                .noneMatch(i -> i.severity() == LayerIssue.Severity.ERROR);
        assertThat(layer.techniques()).anySatisfy(t -> {
            assertThat(t.techniqueId()).isEqualTo("AML.T0086");
            assertThat(t.score()).isPresent();
            assertThat(t.comment())
                    .contains("side-effects: tickets (MCP server)")
                    .contains("Priority");
        });
    }

    @Test
    void reportsInEveryFormatCarryTheSameFactsAndHtmlIsEscaped() throws Exception {
        SystemInventory s = inventory("id: a\nname: \"<script>alert(1)</script>\"\nexposure: public\n");
        ThreatModel m = model(s);
        String html = ThreatReport.html(m);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        JsonNode json = new ObjectMapper().readTree(ThreatReport.jsonText(m));
        assertThat(json.get("applicable")).hasSize(m.applicable().size());
        assertThat(json.get("applicable").get(0).get("priority").get("parts")).hasSize(4);
        assertThat(json.get("applyFirst").get(0).get("uses").get(0).get("use").asText())
                .isNotBlank();
        String md = ThreatReport.markdown(m);
        assertThat(md).contains("| priority | technique |").contains("## Apply first");
        assertThat(ThreatReport.text(m)).contains("why:").contains("priority: exposure");
    }

    @Test
    void ruleSetFlawsNameFileLineAndFieldAndUnknownTechniquesTheNearestMatch() throws Exception {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, "atlas-version: 5.6.0\nrules:\n  AML.T0051:\n    when: [rag and lots]\n    why: x\n");
        assertThatThrownBy(() -> ThreatRules.read(f))
                .isInstanceOf(AtlasDataException.class)
                .hasMessageStartingWith(f + ":4:12: rules.AML.T0051.when: 'lots' is not a term");
        Files.writeString(f, "atlas-version: 5.6.0\nrules:\n  AML.T0511:\n    when: always\n    why: x\n");
        ThreatRules rules = ThreatRules.read(f);
        assertThat(rules.check(KB))
                .contains(f
                        + ":4: rules.AML.T0511: AML.T0511 is not in ATLAS 5.6.0; nearest: AML.T0011 (User Execution)");
        assertThat(rules.check(KB)).anySatisfy(l -> assertThat(l).contains("no rule for AML.T0000 "));
        ThreatModel m = new ThreatModeller(KB, rules, Weights.DEFAULT, EvidenceCounts.NONE)
                .model(inventory("id: a\nexposure: public\n"));
        assertThat(m.notes()).isNotEmpty();
        assertThat(m.applicable()).isEmpty();
    }
}
