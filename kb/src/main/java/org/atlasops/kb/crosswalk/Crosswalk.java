package org.atlasops.kb.crosswalk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;

/**
 * Links ATLAS to other frameworks, in both directions: ATT&amp;CK through the release's own references, and
 * OWASP Top 10 for LLM 2025, NIST AI RMF 1.0 and STRIDE through the CoSAI Risk Map, whose risks and controls
 * each map to several frameworks. Looking up any ID gives everything joined to it.
 */
public final class Crosswalk {
    private static final String DIR = "/org/atlasops/kb/crosswalk/";
    private static final Pattern OWASP = Pattern.compile("(?i)^LLM\\s*0?(\\d{1,2})(?::\\s*2025)?$");
    private static final Pattern NIST =
            Pattern.compile("(?i)^(GOVERN|MAP|MEASURE|MANAGE|GV|MP|MS|MG)[\\s-]*(\\d{1,2})(?:\\.(\\d{1,2}))?$");
    private static final Pattern ATTACK = Pattern.compile("(?i)^(TA\\d{4}|T\\d{4}(?:\\.\\d{3})?|M\\d{4})$");

    private final KnowledgeBase kb;
    /** CoSAI risk or control id → its title and its mappings. */
    private final Map<String, CosaiEntity> entities = new LinkedHashMap<>();

    private final Map<String, String> owaspTitles = new LinkedHashMap<>();
    private final Map<String, String> nistStatements = new LinkedHashMap<>();

    private record CosaiEntity(String kind, String id, String title, List<Mapping> mappings) {}

    private record Mapping(Framework framework, String id) {}

    private Crosswalk(KnowledgeBase kb) {
        this.kb = kb;
        for (Map<String, String> row : Csv.readResource(DIR + "cosai-mappings-flat.csv")) {
            Optional<Framework> fw = Framework.ofCosai(row.get("framework"));
            if (fw.isEmpty()) {
                continue;
            }
            String mapped = normalise(fw.get(), row.get("mapped_id"));
            entities.computeIfAbsent(
                            row.get("entity_id"),
                            id -> new CosaiEntity(
                                    row.get("entity_type"), id, row.get("entity_title"), new ArrayList<>()))
                    .mappings()
                    .add(new Mapping(fw.get(), mapped));
        }
        for (Map<String, String> row : Csv.readResource(DIR + "owasp-llm-2025.csv")) {
            owaspTitles.put(row.get("id"), row.get("title"));
        }
        for (Map<String, String> row : Csv.readResource(DIR + "ai-rmf-core-1.0-subcategories.csv")) {
            nistStatements.put(row.get("subcategory_id"), row.get("statement"));
        }
    }

    /** The crosswalk as seen from one release (titles and presence checks use it). */
    public static Crosswalk of(KnowledgeBase kb) {
        return new Crosswalk(kb);
    }

    /** What framework an ID belongs to and its canonical spelling, if it is one the crosswalk knows. */
    private Optional<Mapping> identify(String rawId) {
        String id = rawId.strip();
        Optional<AtlasId> atlasId = AtlasId.tryParse(id);
        if (atlasId.isPresent()) {
            return Optional.of(new Mapping(Framework.ATLAS, atlasId.get().value()));
        }
        if (OWASP.matcher(id).matches()) {
            return Optional.of(new Mapping(Framework.OWASP_LLM, normalise(Framework.OWASP_LLM, id)));
        }
        if (NIST.matcher(id).matches()) {
            return Optional.of(new Mapping(Framework.NIST_AI_RMF, normalise(Framework.NIST_AI_RMF, id)));
        }
        if (ATTACK.matcher(id).matches()) {
            return Optional.of(new Mapping(Framework.ATTACK, id.toUpperCase(Locale.ROOT)));
        }
        for (CosaiEntity e : entities.values()) {
            if (e.id().equalsIgnoreCase(id)) {
                return Optional.of(new Mapping(Framework.COSAI, e.id()));
            }
        }
        return Optional.empty();
    }

    /** The canonical ID and title of what was looked up, e.g. {@code LLM01:2025 Prompt Injection}. */
    public Optional<CrosswalkEntry> describe(String rawId) {
        return identify(rawId).map(m -> entry(m.framework(), m.id(), ""));
    }

    /** Every entry joined to the ID, in both directions; empty when the crosswalk has none. */
    public List<CrosswalkEntry> lookup(String rawId) {
        Optional<Mapping> self = identify(rawId);
        if (self.isEmpty()) {
            return List.of();
        }
        Framework fw = self.get().framework();
        String id = self.get().id();
        Set<CrosswalkEntry> out = new LinkedHashSet<>();
        if (fw == Framework.ATLAS) {
            kb.find(id)
                    .flatMap(Crosswalk::attackId)
                    .ifPresent(a -> out.add(new CrosswalkEntry(
                            Framework.ATTACK, a, "", "ATT&CK reference in ATLAS " + kb.version(), true)));
        }
        if (fw == Framework.ATTACK) {
            for (AtlasObject o : kb.objects()) {
                if (attackId(o).filter(id::equalsIgnoreCase).isPresent()) {
                    out.add(entry(Framework.ATLAS, o.id().value(), "ATT&CK reference in ATLAS " + kb.version()));
                }
            }
        }
        for (CosaiEntity e : entities.values()) {
            boolean isEntity = fw == Framework.COSAI && e.id().equals(id);
            if (!isEntity && !e.mappings().contains(new Mapping(fw, id))) {
                continue;
            }
            String via = "CoSAI " + e.kind() + " " + e.id() + " (" + e.title() + ")";
            if (!isEntity) {
                out.add(new CrosswalkEntry(Framework.COSAI, e.id(), e.title(), "CoSAI Risk Map " + e.kind(), true));
            }
            for (Mapping m : e.mappings()) {
                if (!(m.framework() == fw && m.id().equals(id))) {
                    out.add(entry(m.framework(), m.id(), via));
                }
            }
        }
        return List.copyOf(out);
    }

    /** ATLAS IDs that the crosswalk data names but the release in use does not have. */
    public List<CrosswalkEntry> atlasIdsNotInRelease() {
        List<CrosswalkEntry> missing = new ArrayList<>();
        for (CosaiEntity e : entities.values()) {
            for (Mapping m : e.mappings()) {
                if (m.framework() == Framework.ATLAS && kb.find(m.id()).isEmpty()) {
                    missing.add(new CrosswalkEntry(
                            Framework.ATLAS,
                            m.id(),
                            "",
                            "CoSAI " + e.kind() + " " + e.id() + " (" + e.title() + ")",
                            false));
                }
            }
        }
        return missing;
    }

    private CrosswalkEntry entry(Framework fw, String id, String via) {
        return switch (fw) {
            case ATLAS ->
                new CrosswalkEntry(
                        fw,
                        id,
                        kb.find(id).map(AtlasObject::name).orElse(""),
                        via,
                        kb.find(id).isPresent());
            case OWASP_LLM -> new CrosswalkEntry(fw, id, owaspTitles.getOrDefault(id, ""), via, true);
            case NIST_AI_RMF -> new CrosswalkEntry(fw, id, nistStatements.getOrDefault(id, ""), via, true);
            case COSAI ->
                new CrosswalkEntry(
                        fw,
                        id,
                        Optional.ofNullable(entities.get(id))
                                .map(CosaiEntity::title)
                                .orElse(""),
                        via,
                        true);
            default -> new CrosswalkEntry(fw, id, "", via, true);
        };
    }

    private static Optional<String> attackId(AtlasObject o) {
        if (o instanceof Tactic t) {
            return t.attackReference().map(r -> r.id());
        }
        if (o instanceof Technique t) {
            return t.attackReference().map(r -> r.id());
        }
        if (o instanceof Mitigation m) {
            return m.attackReference().map(r -> r.id());
        }
        return Optional.empty();
    }

    /** {@code llm1} → {@code LLM01:2025}; {@code MEASURE-2.3}, {@code ms 2.3} → {@code MEASURE 2.3}. */
    static String normalise(Framework fw, String raw) {
        String id = raw.strip();
        if (fw == Framework.OWASP_LLM) {
            Matcher m = OWASP.matcher(id);
            return m.matches() ? String.format(Locale.ROOT, "LLM%02d:2025", Integer.parseInt(m.group(1))) : id;
        }
        if (fw == Framework.NIST_AI_RMF) {
            Matcher m = NIST.matcher(id);
            if (!m.matches()) {
                return id;
            }
            String function = switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "GV" -> "GOVERN";
                case "MP" -> "MAP";
                case "MS" -> "MEASURE";
                case "MG" -> "MANAGE";
                default -> m.group(1).toUpperCase(Locale.ROOT);
            };
            return function + " " + m.group(2) + (m.group(3) == null ? "" : "." + m.group(3));
        }
        if (fw == Framework.ATLAS) {
            return id.toUpperCase(Locale.ROOT);
        }
        return id;
    }
}
