package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.cli.terminal.TerminalMarkdown;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;
import org.atlasops.kb.crosswalk.Crosswalk;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.search.SearchHit;
import org.atlasops.kb.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kb show ID}: everything about one object. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show a tactic, technique, sub-technique, mitigation or case study: description, tactics, "
                + "maturity, sub-techniques, mitigations with their use, case studies that use it, ATT&CK "
                + "reference, crosswalk entries and URL.", "IDs are case-insensitive: aml.t0051 works."})
final class ShowCommand extends KbSubcommand {
    @Parameters(paramLabel = "ID", description = "An ATLAS ID, e.g. AML.T0051, AML.TA0005, AML.M0015, AML.CS0020.")
    String id;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    int execute() {
        KnowledgeBase kb = knowledgeBase();
        // A tactic may also be named by its shortname or name: "kb show execution".
        AtlasObject o = kb.find(id).or(() -> kb.tacticByShortname(id.replace(' ', '-')).map(AtlasObject.class::cast))
                .orElseThrow(() -> notFound(kb));
        if (format == OutputFormat.JSON) {
            KbJson.print(out(), json(kb, o));
        } else if (format == OutputFormat.TEXT) {
            text(kb, o, out(), Terminal.width());
        } else {
            throw new UserException("kb show prints text or json, not " + format.name().toLowerCase());
        }
        return ok();
    }

    private UserException notFound(KnowledgeBase kb) {
        String hint = ObjectType.ofId(id).isEmpty() ? "'" + id + "' is not an ATLAS ID (like AML.T0051)"
                : "no " + ObjectType.ofId(id).get().label() + " " + id.toUpperCase() + " in ATLAS " + kb.version()
                        + " ('atlas-ops kb search' finds objects by name)";
        // For a missing ID, search would only guess; for words, the best matches are a real hint.
        List<SearchHit> similar = ObjectType.ofId(id).isPresent() ? List.of() : SearchIndex.of(kb).search(id, 3);
        String suggestion = similar.isEmpty() ? "" : "; did you mean " + String.join(", ",
                similar.stream().map(h -> h.object().id() + " (" + h.displayName() + ")").toList()) + "?";
        return new UserException(hint + suggestion);
    }

    private static ObjectNode json(KnowledgeBase kb, AtlasObject o) {
        ObjectNode n = KbJson.of(kb, o, true);
        if (o instanceof Technique t) {
            KbJson.strings(n.putArray("subtechniques"), kb.subTechniquesOf(t.id()).stream().map(Technique::id).toList());
            ArrayNode mits = n.putArray("mitigations");
            for (Mitigation m : kb.mitigationsOf(t.id())) {
                mits.addObject().put("id", m.id()).put("name", m.name())
                        .put("use", org.atlasops.kb.Markdown.resolveLinks(use(m, t.id())));
            }
            ArrayNode uses = n.putArray("case_studies");
            for (KnowledgeBase.CaseStudyStep s : kb.caseStudyStepsUsing(t.id(), false)) {
                uses.addObject().put("id", s.caseStudy().id()).put("name", s.caseStudy().name())
                        .put("step", s.number()).put("tactic", s.step().tacticId())
                        .put("description", org.atlasops.kb.Markdown.resolveLinks(s.step().description()));
            }
        } else if (o instanceof Tactic t) {
            KbJson.strings(n.putArray("techniques"), kb.techniquesIn(t.id()).stream()
                    .filter(x -> !x.isSubTechnique()).map(Technique::id).toList());
        }
        ArrayNode cw = n.putArray("crosswalk");
        for (CrosswalkEntry e : Crosswalk.of(kb).lookup(o.id())) {
            cw.addObject().put("framework", e.framework().title()).put("id", e.id()).put("title", e.title())
                    .put("via", e.via());
        }
        return n;
    }

    private static String use(Mitigation m, String techniqueId) {
        return m.techniques().stream().filter(u -> u.techniqueId().equals(techniqueId)).map(TechniqueUse::use)
                .findFirst().orElse("");
    }

    static void text(KnowledgeBase kb, AtlasObject o, PrintWriter out, int width) {
        out.println(Terminal.bold(o.id() + "  " + kb.displayName(o)));
        boolean deprecated = o instanceof Technique t && t.deprecated();
        out.println(o.type().label() + (deprecated ? " (DEPRECATED)" : "") + " · ATLAS " + kb.version() + " · "
                + o.url());
        out.println();
        List<String[]> facts = new ArrayList<>();
        if (o instanceof Tactic t) {
            facts.add(new String[] {"Shortname", t.shortname()});
            facts.add(new String[] {"ATT&CK", attack(t.attackReference())});
            facts.add(new String[] {"Dates", dates(t.created(), t.modified())});
        } else if (o instanceof Technique t) {
            t.parentId().ifPresent(p -> facts.add(new String[] {"Parent", p + "  " + kb.technique(p)
                    .map(Technique::name).orElse("(not in this release)")}));
            facts.add(new String[] {"Tactics", String.join(", ", t.tacticIds().stream()
                    .map(id -> kb.tactic(id).map(x -> x.name() + " (" + id + ")").orElse(id)).toList())});
            facts.add(new String[] {"Maturity", t.maturity().map(m -> m.label()).orElse("not stated in ATLAS "
                    + kb.version())});
            if (!t.platforms().isEmpty()) {
                facts.add(new String[] {"Platforms", String.join(", ", t.platforms())});
            }
            facts.add(new String[] {"ATT&CK", attack(t.attackReference())});
            facts.add(new String[] {"Dates", dates(t.created(), t.modified())});
        } else if (o instanceof Mitigation m) {
            facts.add(new String[] {"Categories", String.join(", ", m.categories())});
            facts.add(new String[] {"Lifecycle", String.join(", ", m.lifecycleStages())});
            facts.add(new String[] {"ATT&CK", attack(m.attackReference())});
            facts.add(new String[] {"Dates", dates(m.created(), m.modified())});
        } else if (o instanceof CaseStudy cs) {
            facts.add(new String[] {"Type", cs.caseStudyType().orElse("-")});
            facts.add(new String[] {"Date", cs.incidentDate().map(Object::toString).orElse("-")});
            facts.add(new String[] {"Target", cs.target().orElse("-")});
            facts.add(new String[] {"Actor", cs.actor().orElse("-")});
            cs.reporter().ifPresent(r -> facts.add(new String[] {"Reporter", r}));
        }
        for (String[] f : facts) {
            List<String> lines = new ArrayList<>();
            TerminalMarkdown.wrap(f[1].isEmpty() ? "-" : f[1], lines, width, String.format("%-12s", f[0]),
                    " ".repeat(12));
            lines.forEach(out::println);
        }
        out.println();
        out.println(TerminalMarkdown.render(o.description(), width, ""));

        if (o instanceof Tactic t) {
            section(out, "Techniques", kb.techniquesIn(t.id()).stream().filter(x -> !x.isSubTechnique()).toList(),
                    x -> "  " + x.id() + "  " + x.name() + subCount(kb, x));
        } else if (o instanceof Technique t) {
            section(out, "Sub-techniques", kb.subTechniquesOf(t.id()), x -> "  " + x.id() + "  " + x.name());
            List<Mitigation> mits = kb.mitigationsOf(t.id());
            header(out, "Mitigations", mits.size());
            for (Mitigation m : mits) {
                out.println("  " + m.id() + "  " + m.name());
                String use = use(m, t.id());
                if (!use.isEmpty()) {
                    out.println(TerminalMarkdown.render(use, width, "      "));
                }
            }
            List<KnowledgeBase.CaseStudyStep> steps = kb.caseStudyStepsUsing(t.id(), !t.isSubTechnique());
            header(out, "Case studies", steps.size());
            for (KnowledgeBase.CaseStudyStep s : steps) {
                out.println("  " + s.caseStudy().id() + "  " + s.caseStudy().name());
                String tactic = kb.tactic(s.step().tacticId()).map(Tactic::name).orElse(s.step().tacticId());
                String via = s.step().techniqueId().equals(t.id()) ? "" : " via " + s.step().techniqueId();
                out.println(TerminalMarkdown.render("step " + s.number() + " (" + tactic + via + "): "
                        + s.step().description(), width, "      "));
            }
        } else if (o instanceof Mitigation m) {
            header(out, "Techniques", m.techniques().size());
            for (TechniqueUse u : m.techniques()) {
                out.println("  " + u.techniqueId() + "  " + kb.technique(u.techniqueId()).map(x -> kb.displayName(x))
                        .orElse("(not in this release)"));
                if (!u.use().isEmpty()) {
                    out.println(TerminalMarkdown.render(u.use(), width, "      "));
                }
            }
        } else if (o instanceof CaseStudy cs) {
            header(out, "Procedure", cs.procedure().size());
            for (int i = 0; i < cs.procedure().size(); i++) {
                ProcedureStep s = cs.procedure().get(i);
                String tactic = kb.tactic(s.tacticId()).map(Tactic::name).orElse(s.tacticId());
                String tech = kb.technique(s.techniqueId()).map(x -> kb.displayName(x)).orElse("?");
                out.println("  " + (i + 1) + ". " + tactic + " · " + s.techniqueId() + " " + tech);
                out.println(TerminalMarkdown.render(s.description(), width, "      "));
            }
            header(out, "References", cs.references().size());
            for (Reference r : cs.references()) {
                List<String> lines = new ArrayList<>();
                TerminalMarkdown.wrap(TerminalMarkdown.plain(r.title()) + (r.url().isEmpty() ? "" : " <" + r.url()
                        + ">"), lines, width, "  - ", "    ");
                lines.forEach(out::println);
            }
        }
        List<CrosswalkEntry> cw = Crosswalk.of(kb).lookup(o.id());
        if (!cw.isEmpty()) {
            header(out, "Crosswalk", cw.size());
            CrosswalkCommand.printEntries(out, cw, width);
        }
    }

    private static String subCount(KnowledgeBase kb, Technique t) {
        int n = kb.subTechniquesOf(t.id()).size();
        return n == 0 ? "" : "  (+" + n + " sub-technique" + (n == 1 ? ")" : "s)");
    }

    private static <T> void section(PrintWriter out, String title, List<T> items,
                                    java.util.function.Function<T, String> line) {
        header(out, title, items.size());
        items.forEach(i -> out.println(line.apply(i)));
    }

    private static void header(PrintWriter out, String title, int count) {
        out.println();
        out.println(Terminal.bold(title + " (" + count + ")"));
    }

    private static String attack(Optional<AttackReference> ref) {
        return ref.map(r -> r.id() + (r.url().isEmpty() ? "" : "  " + r.url())).orElse("none");
    }

    private static String dates(Optional<java.time.LocalDate> created, Optional<java.time.LocalDate> modified) {
        if (created.isEmpty() && modified.isEmpty()) {
            return "not recorded";
        }
        return "created " + created.map(Object::toString).orElse("?") + ", modified "
                + modified.map(Object::toString).orElse("?");
    }
}
