package org.atlasops.assess.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.Samples;
import org.atlasops.assess.coverage.AnalyzerEvidence;
import org.atlasops.assess.dettect.DettectReader;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.Weights;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.matrix.LayerValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewTest {
    private static final KnowledgeBase OLD = Samples.release("5.0.0");
    private static final KnowledgeBase NEW = Samples.latest();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-03");

    @TempDir
    Path dir;

    private static ReleaseReview review(KnowledgeBase older, Optional<TechniqueAdministration> manual) {
        SystemInventory system =
                InventoryReader.read(Samples.supportBot(), older).orThrow();
        return new Reviewer(older, NEW, Weights.DEFAULT).review(system, manual, List.of(new AnalyzerEvidence()), TODAY);
    }

    @Test
    void theExampleFrom500To560ListsNewApplicableTechniquesAndEveryChangeAgainstTheDiff() {
        TechniqueAdministration manual =
                DettectReader.techniques(Samples.dir().resolve("support-bot-techniques.yaml"), Optional.empty());
        ReleaseReview r = review(OLD, Optional.of(manual));
        Reviewer reviewer = new Reviewer(OLD, NEW, Weights.DEFAULT);
        List<ObjectChange> added = reviewer.diff().changes().stream()
                .filter(c -> c.kind() == ObjectChange.Kind.ADDED && c.id().isTechnique()
                        || c.kind() == ObjectChange.Kind.ADDED && c.id().isSubTechnique())
                .toList();
        assertThat(added).isNotEmpty();
        for (ObjectChange c : added) {
            boolean applies = r.after().applies(c.id());
            assertThat(r.newThatApply().stream().anyMatch(t -> t.id().equals(c.id())))
                    .as(c.id().value())
                    .isEqualTo(applies);
        }
        assertThat(r.newThatApply())
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.detail()).isNotBlank());
        for (ObjectChange c : reviewer.diff().changes()) {
            if (c.renamed() && (c.id().isTechnique() || c.id().isSubTechnique())) {
                assertThat(r.of(TechniqueChange.Kind.RENAMED))
                        .anySatisfy(t -> assertThat(t.id()).isEqualTo(c.id()));
            }
        }
        assertThat(r.coverageBefore()).isPresent();
        assertThat(r.coverageAfter()).isPresent();
        assertThat(r.after().applicable().size())
                .isGreaterThan(r.before().applicable().size());
    }

    @Test
    void manualScoresCarryAcrossARenumberingAndEachCarriedEntryIsListed() throws Exception {
        KnowledgeBase older = Samples.release("4.4.0");
        List<KnowledgeBase> path =
                org.atlasops.kb.read.ReleaseCatalog.bundledOnly().upgradePath(older, NEW);
        Reviewer reviewer = new Reviewer(path, Weights.DEFAULT);
        AtlasId removed = AtlasId.parse("AML.T0045");
        // replaced by a technique of the same name in 4.5.0, which was renamed later ("ML" became "AI")
        AtlasId successor = org.atlasops.kb.diff.Differ.diff(older, path.get(1))
                .successors()
                .get(removed);
        assertThat(successor).isNotNull();
        assertThat(reviewer.diff().successors()).doesNotContainKey(removed);
        Path f = dir.resolve("old.yaml");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "file_type: technique-administration",
                        "domain: atlas",
                        "techniques:",
                        "  - technique_id: AML.T0045",
                        "    detection:",
                        "      score_logbook:",
                        "        - {date: 2024-01-01, score: 3}",
                        "  - technique_id: AML.T0051",
                        "    detection:",
                        "      score_logbook:",
                        "        - {date: 2024-01-01, score: 2}",
                        "  - technique_id: AML.T0999",
                        "    detection:",
                        "      score_logbook:",
                        "        - {date: 2024-01-01, score: 2}",
                        ""));
        TechniqueAdministration manual = DettectReader.techniques(f, Optional.empty());
        SystemInventory system = InventoryReader.read(
                        "id: x\nexposure: public\nmodel-source: own\nfine-tuned: true\n".getBytes(), "x.yaml", older)
                .orThrow();
        ReleaseReview r = reviewer.review(system, Optional.of(manual), List.of(), TODAY);
        assertThat(r.carried()).anySatisfy(c -> {
            assertThat(c.what()).isEqualTo("DeTT&CT score");
            assertThat(c.from()).isEqualTo(removed);
            assertThat(c.to()).contains(successor);
            assertThat(c.how()).startsWith("replaced by " + successor + " in 4.5.0");
        });
        assertThat(r.carried()).anySatisfy(c -> {
            assertThat(c.from()).isEqualTo(AtlasId.parse("AML.T0999"));
            assertThat(c.carried()).isFalse();
        });
        TechniqueAdministration carried = r.carriedManual().orElseThrow();
        assertThat(carried.technique(successor))
                .isPresent()
                .get()
                .satisfies(t -> assertThat(t.detectionAsOf(TODAY)).hasValue(3));
        assertThat(carried.technique(removed)).isEmpty();
        // an ID that stayed is kept and takes its new name
        assertThat(carried.technique(AtlasId.parse("AML.T0051")).orElseThrow().name())
                .isEqualTo(NEW.technique("AML.T0051").orElseThrow().name());
        // CoSAI's mappings whose technique changed are listed too
        assertThat(r.carried()).anySatisfy(c -> assertThat(c.what()).isEqualTo("CoSAI mapping"));
    }

    @Test
    void theReportAndTheDeltaLayerShowTheChanges() throws Exception {
        ReleaseReview r = review(OLD, Optional.empty());
        Layer delta = ReviewReport.deltaLayer(r, NEW);
        assertThat(delta.atlasVersion()).contains("5.6.0");
        assertThat(LayerValidator.validate(delta, NEW, "delta"))
                .noneMatch(i -> i.severity() == LayerIssue.Severity.ERROR);
        for (TechniqueChange t : r.newThatApply()) {
            assertThat(delta.techniques()).anySatisfy(a -> {
                assertThat(a.techniqueId()).isEqualTo(t.id().value());
                assertThat(a.comment()).startsWith("New in 5.6.0 and applies");
            });
        }
        JsonNode json = new ObjectMapper().readTree(ReviewReport.jsonText(r));
        assertThat(json.get("from").asText()).isEqualTo("5.0.0");
        assertThat(json.get("techniques")).hasSize(r.techniques().size());
        assertThat(ReviewReport.text(r))
                .contains("New techniques that apply (" + r.newThatApply().size() + ")");
        assertThat(ReviewReport.markdown(r)).contains("## Carried entries");
        assertThat(ReviewReport.html(r)).contains("<h2>Removed");
    }
}
