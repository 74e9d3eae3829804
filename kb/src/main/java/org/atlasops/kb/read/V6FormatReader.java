package org.atlasops.kb.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/**
 * Reads the ATLAS data format 6.x (content releases 2026.05 on): objects in maps keyed by ID, links in a
 * {@code relationships} map keyed by source ID ({@code sequences}, {@code achieves}, {@code specializes},
 * {@code mitigates}, {@code employs}). Built from the published format description; objects are told from
 * relationship blocks by the top-level map they sit in, never by their keys.
 */
final class V6FormatReader {
    private static final Set<String> TOP = ReadContext.keys(
            "format-version",
            "collection",
            "matrix",
            "matrices",
            "tactics",
            "techniques",
            "mitigations",
            "case-studies",
            "relationships");
    private static final Set<String> COMMON = ReadContext.keys(
            "id",
            "name",
            "description",
            "object-type",
            "uuid",
            "created-date",
            "modified-date",
            "attack-reference",
            "deprecated");
    private static final Set<String> TECHNIQUE =
            union(COMMON, "maturity", "platforms", "references", "subtechnique-of");
    private static final Set<String> MITIGATION =
            union(COMMON, "lifecycle-phases", "lifecycle", "ml-lifecycle", "category", "categories", "references");
    private static final Set<String> CASE_STUDY =
            union(COMMON, "summary", "type", "date", "date-granularity", "target", "actor", "reporter", "references");

    private final ReadContext ctx;
    private final Assembler out;

    V6FormatReader(ReadContext ctx) {
        this.ctx = ctx;
        this.out = new Assembler(ctx);
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new java.util.TreeSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    KnowledgeBase read(YNode.YMap root, String version, String formatVersion) {
        ctx.checkKeys(root, "top-level map", "", TOP);
        Map<String, YNode.YMap> relationships = new LinkedHashMap<>();
        ctx.idMap(root, "relationships").forEach((source, block) -> {
            if (block instanceof YNode.YMap map) {
                relationships.put(source, map);
            } else {
                ctx.error(block, source, "a relationships block must be a map of relationship types; ignored");
            }
        });

        YNode.YMap matrix = root.get("matrix")
                .filter(YNode.YMap.class::isInstance)
                .map(YNode.YMap.class::cast)
                .orElse(new YNode.YMap(root.pos(), Map.of()));
        String matrixId = ctx.text(matrix, "id", "").orElse("ATLAS-matrix");
        List<AtlasId> order = new ArrayList<>();
        for (Link link : links(relationships, matrixId, "sequences")) {
            target(link, matrixId, ObjectType.TACTIC).ifPresent(order::add);
        }

        Map<String, YNode> tactics = ctx.idMap(root, "tactics");
        tactics.forEach((key, node) -> object(key, node, ObjectType.TACTIC).ifPresent(map -> {
            ctx.checkKeys(map, "tactic", key, COMMON);
            ReadContext.Dates dates = ctx.dates(map, "created-date", "modified-date", key);
            out.tactic(
                    node,
                    new Tactic(
                            AtlasId.parse(key),
                            name(map, key),
                            ctx.text(map, "description", key).orElse(""),
                            ctx.attackReference(map, "attack-reference", key),
                            dates.created(),
                            dates.modified()));
        }));
        if (order.isEmpty()) {
            tactics.keySet().forEach(key -> AtlasId.tryParse(key).ifPresent(order::add));
        }
        out.matrix(new Matrix(matrixId, ctx.text(matrix, "name", matrixId).orElse(""), order));

        ctx.idMap(root, "techniques")
                .forEach((key, node) -> object(key, node, ObjectType.TECHNIQUE, ObjectType.SUB_TECHNIQUE)
                        .ifPresent(map -> {
                            ctx.checkKeys(map, "technique", key, TECHNIQUE);
                            ReadContext.Dates dates = ctx.dates(map, "created-date", "modified-date", key);
                            AtlasId techniqueId = AtlasId.parse(key);
                            List<AtlasId> tacticIds = new ArrayList<>();
                            links(relationships, key, "achieves")
                                    .forEach(l ->
                                            target(l, key, ObjectType.TACTIC).ifPresent(tacticIds::add));
                            Optional<AtlasId> parent = links(relationships, key, "specializes").stream()
                                    .findFirst()
                                    .flatMap(l -> target(l, key, ObjectType.TECHNIQUE))
                                    .or(() -> ctx.idField(map, "subtechnique-of", key, ObjectType.TECHNIQUE))
                                    .or(techniqueId::parent);
                            out.technique(
                                    node,
                                    new Technique(
                                            techniqueId,
                                            name(map, key),
                                            ctx.text(map, "description", key).orElse(""),
                                            tacticIds,
                                            parent,
                                            ctx.maturity(map, key),
                                            ctx.attackReference(map, "attack-reference", key),
                                            ctx.references(map, "references", key),
                                            ctx.strings(map, "platforms", key),
                                            dates.created(),
                                            dates.modified(),
                                            ctx.flag(map, "deprecated", key)));
                        }));

        ctx.idMap(root, "mitigations")
                .forEach((key, node) -> object(key, node, ObjectType.MITIGATION).ifPresent(map -> {
                    ctx.checkKeys(map, "mitigation", key, MITIGATION);
                    ReadContext.Dates dates = ctx.dates(map, "created-date", "modified-date", key);
                    List<TechniqueUse> uses = new ArrayList<>();
                    for (Link l : links(relationships, key, "mitigates")) {
                        target(l, key, ObjectType.TECHNIQUE)
                                .ifPresent(t -> uses.add(new TechniqueUse(t, l.description())));
                    }
                    String lifecycleKey = map.get("lifecycle-phases").isPresent()
                            ? "lifecycle-phases"
                            : map.get("lifecycle").isPresent() ? "lifecycle" : "ml-lifecycle";
                    String categoryKey = map.get("category").isPresent() ? "category" : "categories";
                    out.mitigation(
                            node,
                            new Mitigation(
                                    AtlasId.parse(key),
                                    name(map, key),
                                    ctx.text(map, "description", key).orElse(""),
                                    uses,
                                    ctx.strings(map, lifecycleKey, key),
                                    ctx.strings(map, categoryKey, key),
                                    ctx.attackReference(map, "attack-reference", key),
                                    dates.created(),
                                    dates.modified()));
                }));

        ctx.idMap(root, "case-studies")
                .forEach((key, node) -> object(key, node, ObjectType.CASE_STUDY).ifPresent(map -> {
                    ctx.checkKeys(map, "case study", key, CASE_STUDY);
                    List<ProcedureStep> steps = new ArrayList<>();
                    for (Link l : procedureOrder(node, key, links(relationships, key, "employs"))) {
                        Optional<AtlasId> technique = target(l, key, ObjectType.TECHNIQUE);
                        Optional<AtlasId> tactic = l.tactic().isEmpty()
                                ? Optional.empty()
                                : ctx.id(l.at(), l.tactic(), key, ObjectType.TACTIC);
                        if (l.tactic().isEmpty()) {
                            ctx.error(
                                    l.at(),
                                    key,
                                    "procedure step " + (steps.size() + 1) + " names no 'tactic'; ignored");
                        }
                        if (technique.isPresent() && tactic.isPresent()) {
                            steps.add(new ProcedureStep(tactic.get(), technique.get(), l.description()));
                        }
                    }
                    out.caseStudy(
                            node,
                            new CaseStudy(
                                    AtlasId.parse(key),
                                    name(map, key),
                                    ctx.text(map, "description", key)
                                            .or(() -> ctx.text(map, "summary", key))
                                            .orElse(""),
                                    ClassicFormatReader.incidentDate(ctx, map, key, "date", "date-granularity"),
                                    ctx.text(map, "type", key)
                                            .map(t -> t.strip().toLowerCase(Locale.ROOT)),
                                    ctx.text(map, "target", key),
                                    ctx.text(map, "actor", key),
                                    ctx.text(map, "reporter", key),
                                    ctx.references(map, "references", key),
                                    steps));
                }));

        for (Map.Entry<String, YNode.YMap> block : relationships.entrySet()) {
            boolean known = block.getKey().equals(matrixId)
                    || Stream.of("tactics", "techniques", "mitigations", "case-studies")
                            .anyMatch(type -> ctx.idMap(root, type).containsKey(block.getKey()));
            if (!known) {
                ctx.warn(
                        block.getValue(),
                        block.getKey(),
                        "relationships are given for " + block.getKey()
                                + ", which is not an object of this file; ignored");
            }
        }

        YNode.YMap collection = root.get("collection")
                .filter(YNode.YMap.class::isInstance)
                .map(YNode.YMap.class::cast)
                .orElse(new YNode.YMap(root.pos(), Map.of()));
        return out.build(
                ctx.text(collection, "id", "").orElse("ATLAS"),
                ctx.text(collection, "description", "")
                        .or(() -> ctx.text(collection, "name", ""))
                        .orElse(""),
                version,
                formatVersion);
    }

    private String name(YNode.YMap map, String id) {
        return ctx.text(map, "name", id).orElse("");
    }

    /** The object under its key; the key is its ID, and an inner {@code id} that disagrees is reported. */
    private Optional<YNode.YMap> object(String key, YNode node, ObjectType... expected) {
        if (!(node instanceof YNode.YMap map)) {
            ctx.error(node, key, "expected an object (a map), found " + node.kind() + "; ignored");
            return Optional.empty();
        }
        Optional<ObjectType> type = ObjectType.ofId(key);
        if (type.isEmpty() || !List.of(expected).contains(type.get())) {
            ctx.error(node, key, "'" + key + "' is not a valid " + expected[0].label() + " ID; ignored");
            return Optional.empty();
        }
        ctx.text(map, "id", key)
                .filter(inner -> !inner.strip().equals(key))
                .ifPresent(
                        inner -> ctx.warn(node, key, "inner id '" + inner + "' differs from its key; the key is used"));
        return Optional.of(map);
    }

    /**
     * One relationship: where it is, its target, and for procedure steps the tactic, the text, the step ID and
     * what follows.
     */
    private record Link(
            YNode at, String target, String tactic, String description, String stepId, List<String> leadsTo) {}

    /** The relationship's target as the ID of an ATLAS object; another text is an error issue. */
    private Optional<AtlasId> target(Link link, String source, ObjectType what) {
        return ctx.id(link.at(), link.target(), source, what);
    }

    /**
     * Case-study steps form a graph through {@code leads-to}; the procedure is its topological order (ties in
     * step-ID order). Steps without IDs keep the order of the list; a cycle is reported and the list order kept.
     */
    private List<Link> procedureOrder(YNode at, String caseStudyId, List<Link> steps) {
        if (steps.stream().anyMatch(l -> l.stepId().isEmpty())) {
            return steps;
        }
        Map<String, Link> byId = new LinkedHashMap<>();
        steps.forEach(l -> byId.putIfAbsent(l.stepId(), l));
        Map<String, Integer> incoming = new LinkedHashMap<>();
        byId.keySet().forEach(id -> incoming.put(id, 0));
        for (Link l : byId.values()) {
            for (String next : l.leadsTo()) {
                incoming.computeIfPresent(next, (k, n) -> n + 1);
            }
        }
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>();
        incoming.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        List<Link> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            Link l = byId.get(ready.poll());
            ordered.add(l);
            for (String next : l.leadsTo()) {
                Integer left = incoming.computeIfPresent(next, (k, n) -> n - 1);
                if (left != null && left == 0) {
                    ready.add(next);
                }
            }
        }
        if (ordered.size() != byId.size()) {
            ctx.warn(at, caseStudyId, "the 'leads-to' links of its procedure form a cycle; steps kept in list order");
            return steps;
        }
        return ordered;
    }

    private List<Link> links(Map<String, YNode.YMap> relationships, String source, String type) {
        YNode.YMap block = relationships.get(source);
        if (block == null) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (YNode item : ctx.list(block, type, source)) {
            if (item instanceof YNode.YScalar s && s.value() != null) {
                links.add(new Link(item, s.value().strip(), "", "", "", List.of()));
            } else if (item instanceof YNode.YMap m
                    && ctx.text(m, "target", source).isPresent()) {
                links.add(new Link(
                        item,
                        ctx.text(m, "target", source).orElseThrow().strip(),
                        ctx.text(m, "tactic", source).orElse("").strip(),
                        ctx.text(m, "description", source)
                                .or(() -> ctx.text(m, "use", source))
                                .orElse(""),
                        ctx.text(m, "step-id", source).orElse("").strip(),
                        ctx.strings(m, "leads-to", source)));
            } else {
                ctx.error(item, source, "a '" + type + "' relationship must name its 'target'; ignored");
            }
        }
        return links;
    }
}
