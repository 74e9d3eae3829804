package org.atlasops.kb.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/** Compares two releases object by object. */
public final class Differ {
    private Differ() {}

    public static ReleaseDiff diff(KnowledgeBase older, KnowledgeBase newer) {
        List<ObjectChange> changes = new ArrayList<>();
        Map<AtlasId, AtlasObject> before = index(older.objects());
        Map<AtlasId, AtlasObject> after = index(newer.objects());
        for (AtlasObject o : before.values()) {
            AtlasObject n = after.get(o.id());
            if (n == null) {
                changes.add(new ObjectChange(o.id(), o.type(), ObjectChange.Kind.REMOVED, o.name(), "", List.of()));
            } else {
                List<FieldChange> fields = compare(older, o, newer, n);
                if (!fields.isEmpty()) {
                    changes.add(
                            new ObjectChange(o.id(), n.type(), ObjectChange.Kind.CHANGED, o.name(), n.name(), fields));
                }
            }
        }
        for (AtlasObject n : after.values()) {
            if (!before.containsKey(n.id())) {
                changes.add(new ObjectChange(n.id(), n.type(), ObjectChange.Kind.ADDED, "", n.name(), List.of()));
            }
        }
        changes.sort((a, b) -> a.id().compareTo(b.id()));
        List<AtlasId> oldOrder = older.tactics().stream().map(Tactic::id).toList();
        List<AtlasId> newOrder = newer.tactics().stream().map(Tactic::id).toList();
        List<AtlasId> keptOld = oldOrder.stream().filter(newOrder::contains).toList();
        List<AtlasId> keptNew = newOrder.stream().filter(oldOrder::contains).toList();
        return new ReleaseDiff(
                older.version(),
                newer.version(),
                changes,
                !keptOld.equals(keptNew),
                oldOrder,
                newOrder,
                successors(changes));
    }

    private static Map<AtlasId, AtlasId> successors(List<ObjectChange> changes) {
        Map<String, AtlasId> added = new LinkedHashMap<>();
        changes.stream()
                .filter(c -> c.kind() == ObjectChange.Kind.ADDED)
                .forEach(c -> added.putIfAbsent(c.newName().strip().toLowerCase(java.util.Locale.ROOT), c.id()));
        Map<AtlasId, AtlasId> successors = new LinkedHashMap<>();
        for (ObjectChange c : changes) {
            if (c.kind() == ObjectChange.Kind.REMOVED) {
                AtlasId match = added.get(c.oldName().strip().toLowerCase(java.util.Locale.ROOT));
                if (match != null) {
                    successors.put(c.id(), match);
                }
            }
        }
        return successors;
    }

    private static Map<AtlasId, AtlasObject> index(List<AtlasObject> objects) {
        return objects.stream()
                .collect(Collectors.toMap(AtlasObject::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static List<FieldChange> compare(KnowledgeBase ok, AtlasObject o, KnowledgeBase nk, AtlasObject n) {
        List<FieldChange> f = new ArrayList<>();
        text(f, "name", o.name(), n.name());
        text(f, "description", o.description().strip(), n.description().strip());
        if (o instanceof Tactic a && n instanceof Tactic b) {
            text(f, "attack-reference", attack(a.attackReference()), attack(b.attackReference()));
        } else if (o instanceof Technique a && n instanceof Technique b) {
            set(f, "tactics", values(a.tacticIds()), values(b.tacticIds()));
            text(
                    f,
                    "parent",
                    a.parentId().map(AtlasId::value).orElse(""),
                    b.parentId().map(AtlasId::value).orElse(""));
            text(
                    f,
                    "maturity",
                    a.maturity().map(m -> m.label()).orElse(""),
                    b.maturity().map(m -> m.label()).orElse(""));
            text(f, "attack-reference", attack(a.attackReference()), attack(b.attackReference()));
            set(f, "platforms", a.platforms(), b.platforms());
            text(f, "deprecated", a.deprecated() ? "yes" : "", b.deprecated() ? "yes" : "");
        } else if (o instanceof Mitigation a && n instanceof Mitigation b) {
            set(f, "techniques", ids(a.techniques()), ids(b.techniques()));
            List<String> changedUse = new ArrayList<>();
            for (TechniqueUse u : a.techniques()) {
                b.techniques().stream()
                        .filter(v -> v.techniqueId().equals(u.techniqueId()))
                        .findFirst()
                        .filter(v -> !v.use().equals(u.use()))
                        .ifPresent(v -> changedUse.add(u.techniqueId().value()));
            }
            if (!changedUse.isEmpty()) {
                f.add(new FieldChange("use", "", "", changedUse, List.of()));
            }
            set(f, "lifecycle", a.lifecycleStages(), b.lifecycleStages());
            set(f, "categories", a.categories(), b.categories());
            text(f, "attack-reference", attack(a.attackReference()), attack(b.attackReference()));
        } else if (o instanceof CaseStudy a && n instanceof CaseStudy b) {
            text(
                    f,
                    "incident-date",
                    a.incidentDate().map(Object::toString).orElse(""),
                    b.incidentDate().map(Object::toString).orElse(""));
            text(f, "type", a.caseStudyType().orElse(""), b.caseStudyType().orElse(""));
            text(f, "target", a.target().orElse(""), b.target().orElse(""));
            text(f, "actor", a.actor().orElse(""), b.actor().orElse(""));
            text(f, "reporter", a.reporter().orElse(""), b.reporter().orElse(""));
            List<String> stepsA = steps(a.procedure());
            List<String> stepsB = steps(b.procedure());
            if (!stepsA.equals(stepsB)) {
                List<String> added =
                        stepsB.stream().filter(s -> !stepsA.contains(s)).toList();
                List<String> removed =
                        stepsA.stream().filter(s -> !stepsB.contains(s)).toList();
                f.add(new FieldChange(
                        "procedure",
                        a.procedure().size() + " steps",
                        b.procedure().size() + " steps",
                        added,
                        removed));
            } else if (!a.procedure().equals(b.procedure())) {
                f.add(FieldChange.text("procedure", "step descriptions", "step descriptions changed"));
            }
            set(
                    f,
                    "references",
                    a.references().stream()
                            .map(r -> r.url().isEmpty() ? r.title() : r.url())
                            .toList(),
                    b.references().stream()
                            .map(r -> r.url().isEmpty() ? r.title() : r.url())
                            .toList());
        }
        return f;
    }

    /** A step as "tactic technique", the parts that say what happened. */
    private static List<String> steps(List<ProcedureStep> procedure) {
        return procedure.stream().map(s -> s.tacticId() + " " + s.techniqueId()).toList();
    }

    private static List<String> ids(List<TechniqueUse> uses) {
        return values(uses.stream().map(TechniqueUse::techniqueId).toList());
    }

    private static List<String> values(List<AtlasId> ids) {
        return ids.stream().map(AtlasId::value).toList();
    }

    private static String attack(Optional<AttackReference> ref) {
        return ref.map(AttackReference::id).orElse("");
    }

    private static void text(List<FieldChange> f, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            f.add(FieldChange.text(field, before, after));
        }
    }

    private static void set(List<FieldChange> f, String field, List<String> before, List<String> after) {
        Set<String> a = new LinkedHashSet<>(before);
        Set<String> b = new LinkedHashSet<>(after);
        if (!a.equals(b)) {
            f.add(new FieldChange(
                    field,
                    String.join(", ", before),
                    String.join(", ", after),
                    b.stream().filter(x -> !a.contains(x)).toList(),
                    a.stream().filter(x -> !b.contains(x)).toList()));
        }
    }
}
