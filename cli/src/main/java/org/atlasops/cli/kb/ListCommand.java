package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.export.CsvCell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kb list KIND}: one line per object, filtered. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "List tactics, techniques, mitigations or case studies.",
            "Filters combine with AND: --tactic keeps techniques of a tactic, mitigations of those techniques "
                    + "and case studies with a step in it."
        })
final class ListCommand extends KbSubcommand {
    enum Kind {
        TACTICS,
        TECHNIQUES,
        MITIGATIONS,
        CASE_STUDIES
    }

    @Parameters(
            paramLabel = "KIND",
            converter = KindConverter.class,
            description = "tactics, techniques, mitigations or case-studies.")
    Kind kind;

    @Option(
            names = "--tactic",
            paramLabel = "TACTIC",
            description = "A tactic ID, shortname or name (AML.TA0005, execution, \"AI Model Access\").")
    String tactic;

    @Option(names = "--maturity", paramLabel = "LEVEL", description = "feasible, demonstrated or realized.")
    String maturity;

    @Option(
            names = "--platform",
            paramLabel = "PLATFORM",
            description = "Techniques for this platform (only data in the 6.x format lists platforms).")
    String platform;

    @Option(names = "--no-subtechniques", description = "Leave sub-techniques out of the technique list.")
    boolean noSubtechniques;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Kind k : Kind.values()) {
                if (k.name().equals(v)
                        || k.name().equals(v + "S")
                        || (k == Kind.CASE_STUDIES && v.equals("CASE_STUDY"))) {
                    return k;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a kind to list; use tactics, techniques, mitigations or case-studies");
        }
    }

    @Override
    int execute() {
        KnowledgeBase kb = knowledgeBase();
        Optional<Tactic> tacticFilter = Optional.ofNullable(tactic).map(t -> findTactic(kb, t));
        Optional<Maturity> maturityFilter = Optional.ofNullable(maturity)
                .map(m -> Maturity.parse(m)
                        .orElseThrow(() -> new UserException(
                                "--maturity must be feasible, demonstrated or realized, was '" + m + "'")));
        if (platform != null
                && kb.techniques().stream().allMatch(t -> t.platforms().isEmpty())) {
            throw new UserException("ATLAS " + kb.version() + " lists no platforms (only the 6.x data format "
                    + "does); drop --platform or use a 6.x release");
        }
        List<? extends AtlasObject> objects = switch (kind) {
            case TACTICS ->
                kb.tactics().stream()
                        .filter(t -> tacticFilter.map(f -> f.equals(t)).orElse(true))
                        .toList();
            case TECHNIQUES ->
                kb.techniques().stream()
                        .filter(t -> !noSubtechniques || !t.isSubTechnique())
                        .filter(t -> tacticFilter
                                .map(f -> t.tacticIds().contains(f.id()))
                                .orElse(true))
                        .filter(t -> maturityFilter
                                .map(m -> t.maturity().filter(m::equals).isPresent())
                                .orElse(true))
                        .filter(t ->
                                platform == null || t.platforms().stream().anyMatch(p -> p.equalsIgnoreCase(platform)))
                        .toList();
            case MITIGATIONS ->
                kb.mitigations().stream()
                        .filter(m -> tacticFilter
                                .map(f -> m.techniques().stream()
                                        .anyMatch(u -> kb.technique(u.techniqueId())
                                                .filter(t -> t.tacticIds().contains(f.id()))
                                                .isPresent()))
                                .orElse(true))
                        .toList();
            case CASE_STUDIES ->
                kb.caseStudies().stream()
                        .filter(c -> tacticFilter
                                .map(f -> c.procedure().stream()
                                        .anyMatch(s -> s.tacticId().equals(f.id())))
                                .orElse(true))
                        .toList();
        };
        if (maturityFilter.isPresent() && kind != Kind.TECHNIQUES) {
            throw new UserException("--maturity applies to techniques only");
        }
        switch (format.get()) {
            case JSON -> {
                ObjectNode n =
                        KbJson.object().put("atlas_version", kb.version()).put("count", objects.size());
                ArrayNode items = n.putArray("items");
                objects.forEach(o -> items.add(KbJson.summary(kb, o)));
                KbJson.print(out(), n);
            }
            case CSV -> csv(kb, objects);
            case TEXT -> {
                Table t = new Table("ID", "NAME", "DETAIL");
                objects.forEach(o -> t.row(
                        o.id().value(),
                        o instanceof Technique tech && tech.isSubTechnique() ? "  " + o.name() : o.name(),
                        detail(kb, o)));
                t.print(out(), Terminal.width());
                out().println(objects.size() + " "
                        + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " in ATLAS " + kb.version());
            }
            default -> throw new UserException("kb list prints text, json or csv");
        }
        return ok();
    }

    /** One column per field, lists joined with ';', so spreadsheets and scripts get real columns. */
    private void csv(KnowledgeBase kb, List<? extends AtlasObject> objects) {
        out().println(
                        switch (kind) {
                            case TACTICS -> "id,name,shortname,techniques,attack_id";
                            case TECHNIQUES -> "id,name,parent,tactics,maturity,attack_id,deprecated";
                            case MITIGATIONS -> "id,name,categories,lifecycle_stages,techniques,attack_id";
                            case CASE_STUDIES -> "id,name,incident_date,granularity,type,target,actor,steps";
                        });
        for (AtlasObject o : objects) {
            List<String> row = new ArrayList<>(List.of(o.id().value(), o.name()));
            if (o instanceof Tactic t) {
                row.addAll(List.of(
                        t.shortname(),
                        String.valueOf(kb.techniquesIn(t.id()).stream()
                                .filter(x -> !x.isSubTechnique())
                                .count()),
                        t.attackReference().map(r -> r.id()).orElse("")));
            } else if (o instanceof Technique t) {
                row.addAll(List.of(
                        t.parentId().map(AtlasId::value).orElse(""),
                        String.join(";", values(t.tacticIds())),
                        t.maturity().map(Maturity::label).orElse(""),
                        t.attackReference().map(r -> r.id()).orElse(""),
                        String.valueOf(t.deprecated())));
            } else if (o instanceof Mitigation m) {
                row.addAll(List.of(
                        String.join(";", m.categories()),
                        String.join(";", m.lifecycleStages()),
                        String.join(
                                ";",
                                values(m.techniques().stream()
                                        .map(u -> u.techniqueId())
                                        .toList())),
                        m.attackReference().map(r -> r.id()).orElse("")));
            } else if (o instanceof CaseStudy c) {
                row.addAll(List.of(
                        c.incidentDate().map(d -> d.date().toString()).orElse(""),
                        c.incidentDate()
                                .map(d -> d.granularity().name().toLowerCase(Locale.ROOT))
                                .orElse(""),
                        c.caseStudyType().orElse(""),
                        c.target().orElse(""),
                        c.actor().orElse(""),
                        String.valueOf(c.procedure().size())));
            }
            out().println(String.join(",", row.stream().map(CsvCell::of).toList()));
        }
    }

    private static List<String> values(List<AtlasId> ids) {
        return ids.stream().map(AtlasId::value).toList();
    }

    private static String detail(KnowledgeBase kb, AtlasObject o) {
        if (o instanceof Tactic t) {
            return kb.techniquesIn(t.id()).stream()
                            .filter(x -> !x.isSubTechnique())
                            .count() + " techniques; " + t.shortname();
        }
        if (o instanceof Technique t) {
            List<String> parts = new ArrayList<>();
            parts.add(String.join(
                    " ",
                    t.tacticIds().stream()
                            .map(id -> kb.tactic(id).map(Tactic::shortname).orElse(id.value()))
                            .toList()));
            t.maturity().ifPresent(m -> parts.add(m.label()));
            if (t.deprecated()) {
                parts.add("deprecated");
            }
            return String.join("; ", parts);
        }
        if (o instanceof Mitigation m) {
            return m.techniques().size() + " techniques; " + String.join(", ", m.categories());
        }
        CaseStudy c = (CaseStudy) o;
        return c.incidentDate().map(Object::toString).orElse("-") + "; "
                + c.caseStudyType().orElse("-") + "; " + c.procedure().size() + " steps";
    }

    static Tactic findTactic(KnowledgeBase kb, String text) {
        return kb.tactic(text)
                .or(() -> kb.tacticByShortname(text))
                .or(() -> kb.tactics().stream()
                        .filter(t -> t.name().equalsIgnoreCase(text.strip()))
                        .findFirst())
                .orElseThrow(() -> new UserException("no tactic '" + text + "' in ATLAS " + kb.version() + "; tactics: "
                        + String.join(
                                ", ",
                                kb.tactics().stream().map(Tactic::shortname).toList())));
    }
}
