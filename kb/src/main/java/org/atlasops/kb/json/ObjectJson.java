package org.atlasops.kb.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Markdown;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.details.CaseStudyDetails;
import org.atlasops.kb.details.MitigationDetails;
import org.atlasops.kb.details.ObjectDetails;
import org.atlasops.kb.details.StudyStep;
import org.atlasops.kb.details.TacticDetails;
import org.atlasops.kb.details.TechniqueDetails;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.kb.diff.ReleaseDiff;

/**
 * The JSON shapes of ATLAS objects, the same in the CLI's {@code --format json} and the web API (documented in
 * docs/kb.md): stable field names in snake_case, ATLAS IDs as text, absent values left out. The documents are the
 * records of {@link Documents}, written by {@link #tree} or {@link #text}; the server writes the same records and
 * generates their schemas. {@link #summary} is the shape of listings; {@link #details} is the one mapping of the read
 * model ({@code kb show} and {@code /api/v1/releases/{version}/objects/{id}}).
 */
public final class ObjectJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("dates as text").addSerializer(LocalDate.class, ToStringSerializer.instance))
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .build();

    private ObjectJson() {}

    /** A document of this class as a JSON tree (what the CLI prints, indented). */
    public static ObjectNode tree(Documents.Document document) {
        return MAPPER.valueToTree(document);
    }

    /** A document of this class as compact JSON text (what the API answers). */
    public static String text(Documents.Document document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** An object as listings show it: the common fields and the type's own, without descriptions. */
    public static Documents.Summary summary(KnowledgeBase kb, AtlasObject o) {
        String release = kb.version();
        String type = o.type().label();
        if (o instanceof Tactic t) {
            return new Documents.TacticSummary(
                    t.id(),
                    type,
                    t.name(),
                    release,
                    t.url(),
                    t.shortname(),
                    attack(t.attackReference()),
                    t.created(),
                    t.modified());
        } else if (o instanceof Technique t) {
            return new Documents.TechniqueSummary(
                    t.id(),
                    type,
                    t.name(),
                    release,
                    t.url(),
                    t.parentId(),
                    t.tacticIds(),
                    t.maturity().map(m -> m.label()),
                    deprecated(t),
                    attack(t.attackReference()),
                    platforms(t),
                    t.created(),
                    t.modified());
        } else if (o instanceof Mitigation m) {
            return new Documents.MitigationSummary(
                    m.id(),
                    type,
                    m.name(),
                    release,
                    m.url(),
                    m.categories(),
                    m.lifecycleStages(),
                    attack(m.attackReference()),
                    m.techniques().stream()
                            .map(u -> new Documents.TechniqueRef(u.techniqueId()))
                            .toList(),
                    m.created(),
                    m.modified());
        } else if (o instanceof CaseStudy cs) {
            return new Documents.CaseStudySummary(
                    cs.id(),
                    type,
                    cs.name(),
                    release,
                    cs.url(),
                    cs.incidentDate().map(d -> d.date()),
                    granularity(cs),
                    cs.caseStudyType(),
                    cs.target(),
                    cs.actor(),
                    cs.reporter());
        }
        throw new IllegalArgumentException("no JSON shape for " + o.getClass().getName());
    }

    /**
     * An object in full with its relations: the summary fields, {@code description} (links made absolute), the
     * type's relations and {@code crosswalk}.
     */
    public static Documents.Full details(ObjectDetails d) {
        String release = d.release();
        AtlasObject o = d.object();
        String type = o.type().label();
        String description = o.resolvedDescription();
        List<Documents.Crosswalk> crosswalk = d.crosswalk().stream()
                .map(e -> new Documents.Crosswalk(e.framework().title(), e.id(), e.title(), e.via()))
                .toList();
        if (d instanceof TacticDetails td) {
            Tactic t = td.object();
            return new Documents.Tactic(
                    t.id(),
                    type,
                    t.name(),
                    release,
                    t.url(),
                    t.shortname(),
                    attack(t.attackReference()),
                    t.created(),
                    t.modified(),
                    description,
                    td.techniques().stream().map(x -> brief(x.technique())).toList(),
                    crosswalk);
        } else if (d instanceof TechniqueDetails td) {
            Technique t = td.object();
            return new Documents.Technique(
                    t.id(),
                    type,
                    t.name(),
                    release,
                    t.url(),
                    t.parentId(),
                    t.tacticIds(),
                    t.maturity().map(m -> m.label()),
                    deprecated(t),
                    attack(t.attackReference()),
                    platforms(t),
                    t.created(),
                    t.modified(),
                    description,
                    references(t.references()),
                    td.subTechniques().stream().map(ObjectJson::brief).toList(),
                    td.mitigations().stream()
                            .map(m -> new Documents.MitigationUse(
                                    m.mitigation().id(), m.mitigation().name(), Markdown.resolveLinks(m.use())))
                            .toList(),
                    td.caseStudySteps().stream().map(ObjectJson::studyStep).toList(),
                    crosswalk);
        } else if (d instanceof MitigationDetails md) {
            Mitigation m = md.object();
            return new Documents.Mitigation(
                    m.id(),
                    type,
                    m.name(),
                    release,
                    m.url(),
                    m.categories(),
                    m.lifecycleStages(),
                    attack(m.attackReference()),
                    m.created(),
                    m.modified(),
                    description,
                    md.techniques().stream()
                            .map(u -> new Documents.MitigatedTechnique(
                                    u.technique().id(),
                                    u.technique().inRelease()
                                            ? Optional.of(u.technique().displayName())
                                            : Optional.empty(),
                                    Markdown.resolveLinks(u.use())))
                            .toList(),
                    crosswalk);
        } else if (d instanceof CaseStudyDetails csd) {
            CaseStudy cs = csd.object();
            return new Documents.CaseStudy(
                    cs.id(),
                    type,
                    cs.name(),
                    release,
                    cs.url(),
                    cs.incidentDate().map(x -> x.date()),
                    granularity(cs),
                    cs.caseStudyType(),
                    cs.target(),
                    cs.actor(),
                    cs.reporter(),
                    description,
                    references(cs.references()),
                    csd.procedure().stream()
                            .map(s -> new Documents.ProcedureStep(
                                    s.tactic().id(), s.technique().id(), Markdown.resolveLinks(s.description())))
                            .toList(),
                    crosswalk);
        }
        throw new IllegalArgumentException("no JSON shape for " + d.getClass().getName());
    }

    private static Documents.CaseStudyStep studyStep(StudyStep s) {
        return new Documents.CaseStudyStep(
                s.caseStudy().id(),
                s.caseStudy().name(),
                s.step().number(),
                s.step().tactic().id(),
                s.step().technique().id(),
                Markdown.resolveLinks(s.step().description()));
    }

    /**
     * The matrix of a release, the one document of {@code kb matrix --format json} and
     * {@code /api/v1/releases/{version}/matrix}: {@code release} and {@code matrices}, each with its {@code tactics}
     * in ATLAS order, their {@code techniques} ({@code id}, {@code name}, {@code maturity}) and each technique's
     * {@code subtechniques} (the same fields). Techniques the data marks deprecated (6.x) are left out unless asked.
     */
    public static Documents.MatrixDocument matrix(KnowledgeBase kb, boolean includeDeprecated) {
        List<Documents.Matrix> matrices = new ArrayList<>();
        for (Matrix m : kb.matrices()) {
            List<Documents.MatrixTactic> tactics = new ArrayList<>();
            for (AtlasId tacticId : m.tacticIds()) {
                Optional<Tactic> tactic = kb.tactic(tacticId);
                if (tactic.isEmpty()) {
                    continue; // a tactic the matrix names but the data lacks: kb validate reports it
                }
                Tactic t = tactic.get();
                List<Documents.TechniqueBrief> techniques = new ArrayList<>();
                for (Technique tech : kb.techniquesIn(t.id())) {
                    if (tech.isSubTechnique() || tech.deprecated() && !includeDeprecated) {
                        continue;
                    }
                    List<Documents.TechniqueBrief> subs = kb.subTechniquesOf(tech.id()).stream()
                            .filter(sub -> includeDeprecated || !sub.deprecated())
                            .map(ObjectJson::brief)
                            .toList();
                    techniques.add(new Documents.TechniqueBrief(
                            tech.id(), tech.name(), tech.maturity().map(x -> x.label()), Optional.of(subs)));
                }
                tactics.add(new Documents.MatrixTactic(t.id(), t.name(), t.shortname(), techniques));
            }
            matrices.add(new Documents.Matrix(m.id(), m.name(), tactics));
        }
        return new Documents.MatrixDocument(kb.version(), matrices);
    }

    private static Documents.TechniqueBrief brief(Technique t) {
        return new Documents.TechniqueBrief(t.id(), t.name(), t.maturity().map(m -> m.label()), Optional.empty());
    }

    private static Optional<Documents.AttackReference> attack(Optional<AttackReference> ref) {
        return ref.map(r -> new Documents.AttackReference(r.id(), r.url()));
    }

    private static Optional<Boolean> deprecated(Technique t) {
        return t.deprecated() ? Optional.of(true) : Optional.empty();
    }

    private static Optional<List<String>> platforms(Technique t) {
        return t.platforms().isEmpty() ? Optional.empty() : Optional.of(t.platforms());
    }

    private static Optional<String> granularity(CaseStudy cs) {
        return cs.incidentDate().map(d -> d.granularity().name().toLowerCase(Locale.ROOT));
    }

    private static List<Documents.Reference> references(List<Reference> refs) {
        return refs.stream()
                .map(r -> new Documents.Reference(r.title(), r.url()))
                .toList();
    }

    /** A release diff: versions, counts by kind, and every change with its field changes. */
    public static Documents.Diff diff(ReleaseDiff d) {
        List<Documents.Change> changes = d.changes().stream()
                .map(c -> new Documents.Change(
                        c.id(),
                        c.type().label(),
                        c.kind().name().toLowerCase(Locale.ROOT),
                        c.oldName(),
                        c.newName(),
                        c.renamed(),
                        Optional.ofNullable(d.successors().get(c.id())),
                        c.fields().stream()
                                .map(f -> new Documents.FieldChange(
                                        f.field(), f.before(), f.after(), f.added(), f.removed()))
                                .toList()))
                .toList();
        return new Documents.Diff(
                d.oldVersion(),
                d.newVersion(),
                d.tacticOrderChanged(),
                new Documents.DiffSummary(
                        count(d, ObjectChange.Kind.ADDED),
                        count(d, ObjectChange.Kind.REMOVED),
                        count(d, ObjectChange.Kind.CHANGED),
                        d.changes().stream().filter(ObjectChange::renamed).count()),
                changes);
    }

    private static long count(ReleaseDiff d, ObjectChange.Kind kind) {
        return d.changes().stream().filter(c -> c.kind() == kind).count();
    }
}
