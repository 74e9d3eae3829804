package org.atlasops.kb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One ATLAS release, immutable: the matrix, its tactics in column order, techniques (sorted by ID, each
 * sub-technique after its parent), mitigations and case studies, plus what the reader noticed while loading it.
 */
public final class KnowledgeBase {
    private final String id;
    private final String name;
    private final String version;
    private final String dataFormat;
    private final String source;
    private final List<Matrix> matrices;
    private final List<Tactic> tactics;
    private final List<Technique> techniques;
    private final List<Mitigation> mitigations;
    private final List<CaseStudy> caseStudies;
    private final List<DataIssue> issues;
    private final Map<AtlasId, AtlasObject> byId = new LinkedHashMap<>();

    /**
     * @param version    the release's own {@code version} (or {@code collection.version}) field
     * @param dataFormat the data format it was read from: {@code 3}, {@code 4} (4.x–5.x) or {@code 6.0.0}
     * @param source     where it came from, for messages (a file name or {@code bundled:5.6.0})
     */
    public KnowledgeBase(
            String id,
            String name,
            String version,
            String dataFormat,
            String source,
            List<Matrix> matrices,
            List<Tactic> tactics,
            List<Technique> techniques,
            List<Mitigation> mitigations,
            List<CaseStudy> caseStudies,
            List<DataIssue> issues) {
        this.id = Objects.requireNonNullElse(id, "ATLAS");
        this.name = Objects.requireNonNullElse(name, "");
        this.version = Objects.requireNonNull(version, "version");
        this.dataFormat = Objects.requireNonNull(dataFormat, "dataFormat");
        this.source = Objects.requireNonNullElse(source, "");
        this.matrices = List.copyOf(matrices);
        this.tactics = List.copyOf(tactics);
        this.techniques = List.copyOf(techniques);
        this.mitigations = List.copyOf(mitigations);
        this.caseStudies = List.copyOf(caseStudies);
        this.issues = List.copyOf(issues);
        Stream.of(this.tactics, this.techniques, this.mitigations, this.caseStudies)
                .flatMap(List::stream)
                .forEach(o -> byId.putIfAbsent(o.id(), o));
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String dataFormat() {
        return dataFormat;
    }

    public String source() {
        return source;
    }

    public List<Matrix> matrices() {
        return matrices;
    }

    /** Tactics in matrix column order. */
    public List<Tactic> tactics() {
        return tactics;
    }

    public List<Technique> techniques() {
        return techniques;
    }

    public List<Technique> parentTechniques() {
        return techniques.stream().filter(t -> !t.isSubTechnique()).toList();
    }

    public List<Mitigation> mitigations() {
        return mitigations;
    }

    public List<CaseStudy> caseStudies() {
        return caseStudies;
    }

    /** What the reader noticed and how it handled it (recovered links, merged duplicates, ignored keys). */
    public List<DataIssue> issues() {
        return issues;
    }

    /** Every object, tactics first, in a stable order. */
    public List<AtlasObject> objects() {
        return List.copyOf(byId.values());
    }

    /** The object with this ID. */
    public Optional<AtlasObject> find(AtlasId objectId) {
        return Optional.ofNullable(byId.get(objectId));
    }

    /**
     * The object with the ID in this text (read by {@link AtlasId#tryParse}: case and surrounding blanks do not
     * matter); empty when the text is no ATLAS ID or the release has no such object.
     */
    public Optional<AtlasObject> find(String objectId) {
        return AtlasId.tryParse(objectId).flatMap(this::find);
    }

    /**
     * The object of this type whose ID (or, failing that, name) is closest to the text: what a user who typed an ID
     * the release lacks probably meant. A technique and a sub-technique stand for each other here. Empty only when the
     * release has no object of the type.
     */
    public Optional<AtlasObject> nearest(String text, ObjectType type) {
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        return byId.values().stream()
                .filter(o -> EditDistance.sameKind(o.type(), type))
                .min(Comparator.comparingInt((AtlasObject o) -> Math.min(
                                EditDistance.between(wanted, o.id().value()),
                                EditDistance.between(wanted, o.name().toUpperCase(Locale.ROOT))))
                        .thenComparing(AtlasObject::id));
    }

    public Optional<Tactic> tactic(AtlasId tacticId) {
        return find(tacticId).filter(Tactic.class::isInstance).map(Tactic.class::cast);
    }

    public Optional<Tactic> tactic(String tacticId) {
        return find(tacticId).filter(Tactic.class::isInstance).map(Tactic.class::cast);
    }

    public Optional<Technique> technique(AtlasId techniqueId) {
        return find(techniqueId).filter(Technique.class::isInstance).map(Technique.class::cast);
    }

    public Optional<Technique> technique(String techniqueId) {
        return find(techniqueId).filter(Technique.class::isInstance).map(Technique.class::cast);
    }

    public Optional<Mitigation> mitigation(AtlasId mitigationId) {
        return find(mitigationId).filter(Mitigation.class::isInstance).map(Mitigation.class::cast);
    }

    public Optional<Mitigation> mitigation(String mitigationId) {
        return find(mitigationId).filter(Mitigation.class::isInstance).map(Mitigation.class::cast);
    }

    public Optional<CaseStudy> caseStudy(AtlasId caseStudyId) {
        return find(caseStudyId).filter(CaseStudy.class::isInstance).map(CaseStudy.class::cast);
    }

    public Optional<CaseStudy> caseStudy(String caseStudyId) {
        return find(caseStudyId).filter(CaseStudy.class::isInstance).map(CaseStudy.class::cast);
    }

    /** The tactic whose Navigator/STIX shortname is this, e.g. {@code ai-model-access}. */
    public Optional<Tactic> tacticByShortname(String shortname) {
        return tactics.stream()
                .filter(t -> t.shortname().equalsIgnoreCase(shortname.strip()))
                .findFirst();
    }

    /** The name as ATLAS shows it: a sub-technique's with its parent's, "LLM Prompt Injection: Direct". */
    public String displayName(AtlasObject o) {
        if (o instanceof Technique t && t.parentId().isPresent()) {
            return technique(t.parentId().get())
                    .map(p -> p.name() + ": " + t.name())
                    .orElse(t.name());
        }
        return o.name();
    }

    public List<Technique> subTechniquesOf(AtlasId techniqueId) {
        return techniques.stream()
                .filter(t -> t.parentId().filter(techniqueId::equals).isPresent())
                .toList();
    }

    /** Techniques (and sub-techniques) in a tactic, in ID order. */
    public List<Technique> techniquesIn(AtlasId tacticId) {
        return techniques.stream().filter(t -> t.tacticIds().contains(tacticId)).toList();
    }

    /** The mitigations that name this technique (a parent's do not cover its sub-techniques, nor the reverse). */
    public List<Mitigation> mitigationsOf(AtlasId techniqueId) {
        return mitigations.stream().filter(m -> m.mitigates(techniqueId)).toList();
    }

    /**
     * Every case-study step that uses the technique, in case-study then step order. The one rule for
     * sub-techniques: a technique's steps include those that use one of its sub-techniques, and each step keeps
     * the ID it used ({@code step().techniqueId()}); a sub-technique's steps are only its own.
     */
    public List<CaseStudyStep> caseStudyStepsUsing(AtlasId techniqueId) {
        List<CaseStudyStep> result = new ArrayList<>();
        for (CaseStudy cs : caseStudies) {
            for (int i = 0; i < cs.procedure().size(); i++) {
                ProcedureStep step = cs.procedure().get(i);
                AtlasId used = step.techniqueId();
                if (used.equals(techniqueId)
                        || used.parent().filter(techniqueId::equals).isPresent()) {
                    result.add(new CaseStudyStep(cs, i + 1, step));
                }
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** A step of a case study with its 1-based position. */
    public record CaseStudyStep(CaseStudy caseStudy, int number, ProcedureStep step) {
        public CaseStudyStep {
            Objects.requireNonNull(caseStudy, "caseStudy");
            Objects.requireNonNull(step, "step");
        }
    }

    @Override
    public String toString() {
        return "ATLAS " + version + " (" + source + ")";
    }
}
