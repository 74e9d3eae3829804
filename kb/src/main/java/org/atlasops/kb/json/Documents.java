package org.atlasops.kb.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * The JSON documents of {@link ObjectJson}, as records: the fields in the order they are written, empty
 * {@code Optional}s left out (whatever mapper writes them), snake_case names. The server generates the API's schemas
 * from these types, so they are the one description of the kb JSON that the CLI prints and the API answers. Each is
 * named {@code Kb...} ({@link JsonRootName}), the name of its schema.
 */
public final class Documents {
    private Documents() {}

    /** A whole document: what {@link ObjectJson#tree} and {@link ObjectJson#text} write. */
    public interface Document {}

    /** An object as listings show it: the common fields and its type's own, no description or relations. */
    @JsonRootName("KbObjectSummary")
    public sealed interface Summary extends Document
            permits TacticSummary, TechniqueSummary, MitigationSummary, CaseStudySummary {
        AtlasId id();
    }

    /** An object in full: the summary's fields (a mitigation's techniques aside), its description and relations. */
    @JsonRootName("KbObject")
    public sealed interface Full extends Document permits Tactic, Technique, Mitigation, CaseStudy {
        AtlasId id();
    }

    @JsonRootName("KbTacticSummary")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record TacticSummary(
            AtlasId id,
            String type,
            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            String shortname,
            @JsonProperty("attack_reference") Optional<AttackReference> attackReference,
            Optional<LocalDate> created,
            Optional<LocalDate> modified)
            implements Summary {
        public TacticSummary {
            Objects.requireNonNull(id, "id");
        }
    }

    @JsonRootName("KbTactic")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Tactic(
            AtlasId id,
            String type,
            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            String shortname,
            @JsonProperty("attack_reference") Optional<AttackReference> attackReference,
            Optional<LocalDate> created,
            Optional<LocalDate> modified,

            @JsonPropertyDescription("Markdown, links made absolute")
            String description,

            List<TechniqueBrief> techniques,
            List<Crosswalk> crosswalk)
            implements Full {
        public Tactic {
            Objects.requireNonNull(id, "id");
            techniques = List.copyOf(techniques);
            crosswalk = List.copyOf(crosswalk);
        }
    }

    @JsonRootName("KbTechniqueSummary")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record TechniqueSummary(
            AtlasId id,

            @JsonPropertyDescription("technique or sub-technique")
            String type,

            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            Optional<AtlasId> parent,
            List<AtlasId> tactics,
            Optional<String> maturity,

            @JsonPropertyDescription("present, and true, only when the data marks it deprecated")
            Optional<Boolean> deprecated,

            @JsonProperty("attack_reference") Optional<AttackReference> attackReference,
            Optional<List<String>> platforms,
            Optional<LocalDate> created,
            Optional<LocalDate> modified)
            implements Summary {
        public TechniqueSummary {
            Objects.requireNonNull(id, "id");
            tactics = List.copyOf(tactics);
            platforms = platforms.map(List::copyOf);
        }
    }

    @JsonRootName("KbTechnique")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Technique(
            AtlasId id,

            @JsonPropertyDescription("technique or sub-technique")
            String type,

            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            Optional<AtlasId> parent,
            List<AtlasId> tactics,
            Optional<String> maturity,

            @JsonPropertyDescription("present, and true, only when the data marks it deprecated")
            Optional<Boolean> deprecated,

            @JsonProperty("attack_reference") Optional<AttackReference> attackReference,
            Optional<List<String>> platforms,
            Optional<LocalDate> created,
            Optional<LocalDate> modified,

            @JsonPropertyDescription("Markdown, links made absolute")
            String description,

            List<Reference> references,
            List<TechniqueBrief> subtechniques,
            List<MitigationUse> mitigations,

            @JsonProperty("case_studies") @JsonPropertyDescription("one entry per step that used the technique")
            List<CaseStudyStep> caseStudies,

            List<Crosswalk> crosswalk)
            implements Full {
        public Technique {
            Objects.requireNonNull(id, "id");
            tactics = List.copyOf(tactics);
            platforms = platforms.map(List::copyOf);
            references = List.copyOf(references);
            subtechniques = List.copyOf(subtechniques);
            mitigations = List.copyOf(mitigations);
            caseStudies = List.copyOf(caseStudies);
            crosswalk = List.copyOf(crosswalk);
        }
    }

    @JsonRootName("KbMitigationSummary")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record MitigationSummary(
            AtlasId id,
            String type,
            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            List<String> categories,
            @JsonProperty("lifecycle_stages") List<String> lifecycleStages,
            @JsonProperty("attack_reference") Optional<AttackReference> attackReference,
            List<TechniqueRef> techniques,
            Optional<LocalDate> created,
            Optional<LocalDate> modified)
            implements Summary {
        public MitigationSummary {
            Objects.requireNonNull(id, "id");
            categories = List.copyOf(categories);
            lifecycleStages = List.copyOf(lifecycleStages);
            techniques = List.copyOf(techniques);
        }
    }

    @JsonRootName("KbMitigation")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Mitigation(
            AtlasId id,
            String type,
            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            List<String> categories,
            @JsonProperty("lifecycle_stages") List<String> lifecycleStages,
            @JsonProperty("attack_reference") Optional<AttackReference> attackReference,
            Optional<LocalDate> created,
            Optional<LocalDate> modified,

            @JsonPropertyDescription("Markdown, links made absolute")
            String description,

            List<MitigatedTechnique> techniques,
            List<Crosswalk> crosswalk)
            implements Full {
        public Mitigation {
            Objects.requireNonNull(id, "id");
            categories = List.copyOf(categories);
            lifecycleStages = List.copyOf(lifecycleStages);
            techniques = List.copyOf(techniques);
            crosswalk = List.copyOf(crosswalk);
        }
    }

    @JsonRootName("KbCaseStudySummary")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record CaseStudySummary(
            AtlasId id,
            String type,
            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            @JsonProperty("incident_date") Optional<LocalDate> incidentDate,

            @JsonProperty("incident_date_granularity") @JsonPropertyDescription("year, month or date")
            Optional<String> incidentDateGranularity,

            @JsonProperty("case_study_type") Optional<String> caseStudyType,
            Optional<String> target,
            Optional<String> actor,
            Optional<String> reporter)
            implements Summary {
        public CaseStudySummary {
            Objects.requireNonNull(id, "id");
        }
    }

    @JsonRootName("KbCaseStudy")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record CaseStudy(
            AtlasId id,
            String type,
            String name,
            @JsonProperty("atlas_version") String atlasVersion,
            String url,
            @JsonProperty("incident_date") Optional<LocalDate> incidentDate,

            @JsonProperty("incident_date_granularity") @JsonPropertyDescription("year, month or date")
            Optional<String> incidentDateGranularity,

            @JsonProperty("case_study_type") Optional<String> caseStudyType,
            Optional<String> target,
            Optional<String> actor,
            Optional<String> reporter,

            @JsonPropertyDescription("Markdown, links made absolute")
            String description,

            List<Reference> references,
            List<ProcedureStep> procedure,
            List<Crosswalk> crosswalk)
            implements Full {
        public CaseStudy {
            Objects.requireNonNull(id, "id");
            references = List.copyOf(references);
            procedure = List.copyOf(procedure);
            crosswalk = List.copyOf(crosswalk);
        }
    }

    /** A technique by ID, name and maturity; in the matrix with its sub-techniques. */
    @JsonRootName("KbTechniqueBrief")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record TechniqueBrief(
            AtlasId id, String name, Optional<String> maturity, Optional<List<TechniqueBrief>> subtechniques) {
        public TechniqueBrief {
            Objects.requireNonNull(id, "id");
            subtechniques = subtechniques.map(List::copyOf);
        }
    }

    @JsonRootName("KbAttackReference")
    public record AttackReference(String id, String url) {}

    @JsonRootName("KbReference")
    public record Reference(String title, String url) {}

    @JsonRootName("KbCrosswalk")
    public record Crosswalk(String framework, String id, String title, String via) {}

    @JsonRootName("KbMitigationUse")
    public record MitigationUse(
            AtlasId id,
            String name,
            @JsonPropertyDescription("Markdown") String use) {}

    @JsonRootName("KbCaseStudyStep")
    public record CaseStudyStep(
            AtlasId id, String name, int step, AtlasId tactic, AtlasId technique, String description) {}

    /** A technique a mitigation names; {@code name} only when the release has it. */
    @JsonRootName("KbMitigatedTechnique")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record MitigatedTechnique(
            AtlasId id,
            Optional<String> name,
            @JsonPropertyDescription("Markdown") String use) {}

    @JsonRootName("KbTechniqueRef")
    public record TechniqueRef(AtlasId id) {}

    @JsonRootName("KbProcedureStep")
    public record ProcedureStep(AtlasId tactic, AtlasId technique, String description) {}

    /** The matrix of a release. */
    @JsonRootName("KbMatrix")
    public record MatrixDocument(String release, List<Matrix> matrices) implements Document {
        public MatrixDocument {
            Objects.requireNonNull(release, "release");
            matrices = List.copyOf(matrices);
        }
    }

    @JsonRootName("KbMatrixOfTactics")
    public record Matrix(
            String id,
            String name,
            @JsonPropertyDescription("in ATLAS order") List<MatrixTactic> tactics) {
        public Matrix {
            tactics = List.copyOf(tactics);
        }
    }

    @JsonRootName("KbMatrixTactic")
    public record MatrixTactic(AtlasId id, String name, String shortname, List<TechniqueBrief> techniques) {
        public MatrixTactic {
            techniques = List.copyOf(techniques);
        }
    }

    /** What changed between two releases. */
    @JsonRootName("KbDiff")
    public record Diff(
            @JsonProperty("old_version") String oldVersion,
            @JsonProperty("new_version") String newVersion,
            @JsonProperty("tactic_order_changed") boolean tacticOrderChanged,
            DiffSummary summary,
            List<Change> changes)
            implements Document {
        public Diff {
            changes = List.copyOf(changes);
        }
    }

    @JsonRootName("KbDiffSummary")
    public record DiffSummary(long added, long removed, long changed, long renamed) {}

    @JsonRootName("KbChange")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Change(
            AtlasId id,
            String type,

            @JsonPropertyDescription("added, removed or changed")
            String change,

            @JsonProperty("old_name") String oldName,
            @JsonProperty("new_name") String newName,
            boolean renamed,

            @JsonPropertyDescription("the object that replaces a removed one")
            Optional<AtlasId> successor,

            List<FieldChange> fields) {
        public Change {
            fields = List.copyOf(fields);
        }
    }

    @JsonRootName("KbFieldChange")
    public record FieldChange(String field, String before, String after, List<String> added, List<String> removed) {
        public FieldChange {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }
}
