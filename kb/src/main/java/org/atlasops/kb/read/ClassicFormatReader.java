package org.atlasops.kb.read;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/**
 * Reads the published {@code dist/ATLAS.yaml} formats before 6.0: the 3.x flat layout (tactics and techniques
 * at the top level) and 4.x–5.x (a {@code matrices} list). Field renames across versions are folded here:
 * {@code tags} (4.4) / {@code ML-lifecycle} (4.5–4.6) / {@code ml-lifecycle}; {@code reported-by} (3.x) /
 * {@code reporter}.
 */
final class ClassicFormatReader {
    private static final Set<String> TOP = ReadContext.keys(
            "id", "name", "version", "matrices", "case-studies", "tactics", "techniques", "mitigations");
    private static final Set<String> MATRIX = ReadContext.keys("id", "name", "tactics", "techniques", "mitigations");
    private static final Set<String> TACTIC = ReadContext.keys(
            "id", "name", "description", "object-type", "ATT&CK-reference", "created_date", "modified_date");
    private static final Set<String> TECHNIQUE = ReadContext.keys(
            "id",
            "name",
            "description",
            "object-type",
            "tactics",
            "subtechnique-of",
            "ATT&CK-reference",
            "created_date",
            "modified_date",
            "maturity",
            "references",
            "platforms");
    private static final Set<String> MITIGATION = ReadContext.keys(
            "id",
            "name",
            "description",
            "object-type",
            "techniques",
            "ml-lifecycle",
            "ML-lifecycle",
            "tags",
            "category",
            "ATT&CK-reference",
            "created_date",
            "modified_date");
    private static final Set<String> CASE_STUDY = ReadContext.keys(
            "id",
            "name",
            "object-type",
            "summary",
            "incident-date",
            "incident-date-granularity",
            "procedure",
            "target",
            "actor",
            "case-study-type",
            "reporter",
            "reported-by",
            "references");
    private static final Set<String> STEP = ReadContext.keys("tactic", "technique", "description");

    private final ReadContext ctx;
    private final Assembler out;

    ClassicFormatReader(ReadContext ctx) {
        this.ctx = ctx;
        this.out = new Assembler(ctx);
    }

    KnowledgeBase read(YNode.YMap root, String version) {
        ctx.checkKeys(root, "top-level map", "", TOP);
        String format;
        if (root.get("matrices").isPresent()) {
            format = "4";
            List<YNode> matrices = ctx.list(root, "matrices", "");
            if (matrices.isEmpty()) {
                throw ctx.fatal(root.get("matrices").orElse(root), "'matrices' must be a non-empty list of matrices");
            }
            for (YNode m : matrices) {
                YNode.YMap matrix = ctx.requireMap(m, "a matrix");
                ctx.checkKeys(matrix, "matrix", "", MATRIX);
                readMatrix(
                        matrix,
                        ctx.text(matrix, "id", "").orElse("ATLAS"),
                        ctx.text(matrix, "name", "").orElse(""));
            }
        } else {
            format = "3";
            readMatrix(
                    root,
                    ctx.text(root, "id", "").orElse("ATLAS"),
                    ctx.text(root, "name", "").orElse(""));
        }
        for (YNode cs : ctx.list(root, "case-studies", "")) {
            caseStudy(cs).ifPresent(c -> out.caseStudy(cs, c));
        }
        return out.build(
                ctx.text(root, "id", "").orElse("ATLAS"),
                ctx.text(root, "name", "").orElse(""),
                version,
                format);
    }

    private void readMatrix(YNode.YMap matrix, String id, String name) {
        List<AtlasId> order = new ArrayList<>();
        for (YNode t : ctx.list(matrix, "tactics", id)) {
            tactic(t).ifPresent(tactic -> {
                order.add(tactic.id());
                out.tactic(t, tactic);
            });
        }
        out.matrix(new Matrix(id, name, order));
        for (YNode t : ctx.list(matrix, "techniques", id)) {
            technique(t).ifPresent(tech -> out.technique(t, tech));
        }
        for (YNode m : ctx.list(matrix, "mitigations", id)) {
            mitigation(m).ifPresent(mit -> out.mitigation(m, mit));
        }
    }

    /** The object as a map with a valid ID of the expected type, or an error issue and nothing. */
    private Optional<YNode.YMap> object(YNode node, ObjectType... expected) {
        if (!(node instanceof YNode.YMap map)) {
            ctx.error(node, "", "expected an object (a map), found " + node.kind() + "; ignored");
            return Optional.empty();
        }
        Optional<String> id = ctx.text(map, "id", "");
        if (id.isEmpty() || id.get().isBlank()) {
            ctx.error(node, "", "object without 'id'; ignored");
            return Optional.empty();
        }
        Optional<ObjectType> type = ObjectType.ofId(id.get());
        if (type.isEmpty() || !List.of(expected).contains(type.get())) {
            ctx.error(
                    node,
                    id.get(),
                    "'" + id.get() + "' is not a valid " + expected[0].label() + " ID (like " + expected[0].example()
                            + "); ignored");
            return Optional.empty();
        }
        return Optional.of(map);
    }

    private Optional<Tactic> tactic(YNode node) {
        return object(node, ObjectType.TACTIC).map(map -> {
            String id = id(map);
            ctx.checkKeys(map, "tactic", id, TACTIC);
            ReadContext.Dates dates = ctx.dates(map, "created_date", "modified_date", id);
            return new Tactic(
                    AtlasId.parse(id),
                    ctx.text(map, "name", id).orElse(""),
                    ctx.text(map, "description", id).orElse(""),
                    ctx.attackReference(map, "ATT&CK-reference", id),
                    dates.created(),
                    dates.modified());
        });
    }

    private String id(YNode.YMap map) {
        return ctx.text(map, "id", "").orElseThrow().strip();
    }

    private Optional<Technique> technique(YNode node) {
        return object(node, ObjectType.TECHNIQUE, ObjectType.SUB_TECHNIQUE).map(map -> {
            String id = id(map);
            ctx.checkKeys(map, "technique", id, TECHNIQUE);
            ReadContext.Dates dates = ctx.dates(map, "created_date", "modified_date", id);
            AtlasId techniqueId = AtlasId.parse(id);
            Optional<AtlasId> parent = ctx.idField(map, "subtechnique-of", id, ObjectType.TECHNIQUE);
            if (parent.isEmpty() && techniqueId.isSubTechnique()) {
                parent = techniqueId.parent();
                ctx.warn(
                        node, id, "sub-technique without 'subtechnique-of'; parent taken from the ID: " + parent.get());
            }
            return new Technique(
                    techniqueId,
                    ctx.text(map, "name", id).orElse(""),
                    ctx.text(map, "description", id).orElse(""),
                    ctx.ids(map, "tactics", id, ObjectType.TACTIC),
                    parent,
                    ctx.maturity(map, id),
                    ctx.attackReference(map, "ATT&CK-reference", id),
                    ctx.references(map, "references", id),
                    ctx.strings(map, "platforms", id),
                    dates.created(),
                    dates.modified(),
                    false);
        });
    }

    private Optional<Mitigation> mitigation(YNode node) {
        return object(node, ObjectType.MITIGATION).map(map -> {
            String id = id(map);
            ctx.checkKeys(map, "mitigation", id, MITIGATION);
            ReadContext.Dates dates = ctx.dates(map, "created_date", "modified_date", id);
            List<TechniqueUse> uses = new ArrayList<>();
            for (YNode item : ctx.list(map, "techniques", id)) {
                techniqueUse(item, id).ifPresent(uses::add);
            }
            // The lifecycle list was 'tags' in 4.4 and 'ML-lifecycle' in 4.5-4.6.
            String lifecycleKey = map.get("ml-lifecycle").isPresent()
                    ? "ml-lifecycle"
                    : map.get("ML-lifecycle").isPresent() ? "ML-lifecycle" : "tags";
            List<String> stages = new ArrayList<>();
            for (YNode item : ctx.list(map, lifecycleKey, id)) {
                if (item instanceof YNode.YScalar s && s.value() != null) {
                    stages.add(s.value().strip());
                } else if (item instanceof YNode.YMap misplaced
                        && misplaced.get("id").isPresent()) {
                    // A source indentation bug (5.6.0: M0018, M0034) put a technique link in the lifecycle list.
                    techniqueUse(item, id).ifPresent(use -> {
                        uses.add(use);
                        ctx.warn(
                                item,
                                id,
                                "technique link " + use.techniqueId() + " found inside '" + lifecycleKey
                                        + "' (misplaced in the data); recovered as a mitigation link");
                    });
                } else {
                    ctx.error(
                            item,
                            id,
                            "items of '" + lifecycleKey + "' must be text, found " + item.kind() + "; ignored");
                }
            }
            return new Mitigation(
                    AtlasId.parse(id),
                    ctx.text(map, "name", id).orElse(""),
                    ctx.text(map, "description", id).orElse(""),
                    uses,
                    stages,
                    ctx.strings(map, "category", id),
                    ctx.attackReference(map, "ATT&CK-reference", id),
                    dates.created(),
                    dates.modified());
        });
    }

    private Optional<TechniqueUse> techniqueUse(YNode item, String mitigationId) {
        if (item instanceof YNode.YScalar s && s.value() != null) {
            return ctx.id(item, s.value(), mitigationId, ObjectType.TECHNIQUE).map(id -> new TechniqueUse(id, ""));
        }
        if (item instanceof YNode.YMap m) {
            Optional<String> tid = ctx.text(m, "id", mitigationId);
            if (tid.isPresent()) {
                return ctx.id(m, tid.get(), mitigationId, ObjectType.TECHNIQUE)
                        .map(id -> new TechniqueUse(
                                id, ctx.text(m, "use", mitigationId).orElse("")));
            }
        }
        ctx.error(item, mitigationId, "a technique link must be a map with 'id' and 'use'; ignored");
        return Optional.empty();
    }

    private Optional<CaseStudy> caseStudy(YNode node) {
        return object(node, ObjectType.CASE_STUDY).map(map -> {
            String id = id(map);
            ctx.checkKeys(map, "case study", id, CASE_STUDY);
            List<ProcedureStep> steps = new ArrayList<>();
            for (YNode s : ctx.list(map, "procedure", id)) {
                if (!(s instanceof YNode.YMap step)) {
                    ctx.error(
                            s,
                            id,
                            "a procedure step must be a map with 'tactic', 'technique' and 'description'; "
                                    + "ignored");
                    continue;
                }
                ctx.checkKeys(step, "procedure step", id, STEP);
                Optional<String> tactic = ctx.text(step, "tactic", id);
                Optional<String> technique = ctx.text(step, "technique", id);
                if (tactic.isEmpty() || technique.isEmpty()) {
                    ctx.error(
                            s,
                            id,
                            "procedure step " + (steps.size() + 1) + " lacks 'tactic' or 'technique'; " + "ignored");
                    continue;
                }
                Optional<AtlasId> tacticId = ctx.id(step, tactic.get(), id, ObjectType.TACTIC);
                Optional<AtlasId> techniqueId = ctx.id(step, technique.get(), id, ObjectType.TECHNIQUE);
                if (tacticId.isPresent() && techniqueId.isPresent()) {
                    steps.add(new ProcedureStep(
                            tacticId.get(),
                            techniqueId.get(),
                            ctx.text(step, "description", id).orElse("")));
                }
            }
            Optional<String> reporter = ctx.text(map, "reporter", id).or(() -> ctx.text(map, "reported-by", id));
            return new CaseStudy(
                    AtlasId.parse(id),
                    ctx.text(map, "name", id).orElse(""),
                    ctx.text(map, "summary", id).orElse(""),
                    incidentDate(ctx, map, id, "incident-date", "incident-date-granularity"),
                    ctx.text(map, "case-study-type", id).map(t -> t.strip().toLowerCase(Locale.ROOT)),
                    ctx.text(map, "target", id),
                    ctx.text(map, "actor", id),
                    reporter,
                    ctx.references(map, "references", id),
                    steps);
        });
    }

    /** Shared by the 6.0 reader, whose keys are {@code date} and {@code date-granularity}. */
    static Optional<IncidentDate> incidentDate(
            ReadContext ctx, YNode.YMap map, String id, String dateKey, String granularityKey) {
        Optional<LocalDate> date = ctx.date(map, dateKey, id);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        String g = ctx.text(map, granularityKey, id).orElse("DATE").strip().toUpperCase(Locale.ROOT);
        IncidentDate.Granularity granularity;
        try {
            granularity = IncidentDate.Granularity.valueOf(g);
        } catch (IllegalArgumentException e) {
            ctx.error(
                    map.get(granularityKey).orElse(map),
                    id,
                    "'" + granularityKey + "' must be YEAR, MONTH or DATE, found '" + g + "'; DATE assumed");
            granularity = IncidentDate.Granularity.DATE;
        }
        return Optional.of(new IncidentDate(date.get(), granularity));
    }
}
