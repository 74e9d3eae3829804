package org.atlasops.cli.kb;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.cli.terminal.TerminalMarkdown;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.details.CaseStudyDetails;
import org.atlasops.kb.details.Details;
import org.atlasops.kb.details.MitigationDetails;
import org.atlasops.kb.details.ObjectDetails;
import org.atlasops.kb.details.Related;
import org.atlasops.kb.details.Step;
import org.atlasops.kb.details.StudyStep;
import org.atlasops.kb.details.TacticDetails;
import org.atlasops.kb.details.TechniqueDetails;
import org.atlasops.kb.json.ObjectJson;
import org.atlasops.kb.search.SearchHit;
import org.atlasops.kb.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kb show ID}: everything about one object, rendered from the read model ({@link Details}). */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show a tactic, technique, sub-technique, mitigation or case study: description, tactics, "
                    + "maturity, sub-techniques, mitigations with their use, case studies that use it (a technique's "
                    + "include its sub-techniques' steps), ATT&CK reference, crosswalk entries and URL.",
            "IDs are case-insensitive: aml.t0051 works."
        })
final class ShowCommand extends KbSubcommand {
    private static final String NOT_IN_RELEASE = "(not in this release)";

    @Parameters(paramLabel = "ID", description = "An ATLAS ID, e.g. AML.T0051, AML.TA0005, AML.M0015, AML.CS0020.")
    String id;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase kb = knowledgeBase();
        // A tactic may also be named by its shortname or name: "kb show execution".
        AtlasObject o = kb.find(id)
                .or(() -> kb.tacticByShortname(id.replace(' ', '-')).map(AtlasObject.class::cast))
                .orElseThrow(() -> notFound(kb));
        ObjectDetails details = Details.of(kb).of(o);
        if (format.get() == OutputFormat.JSON) {
            KbJson.print(out(), ObjectJson.details(details));
        } else {
            text(details, out(), Terminal.width());
        }
        return ok();
    }

    private UserException notFound(KnowledgeBase kb) {
        Optional<AtlasId> asId = AtlasId.tryParse(id);
        String hint = asId.map(a -> "no " + a.type().label() + " " + a + " in ATLAS " + kb.version()
                        + " ('atlas-ops kb search' finds objects by name)")
                .orElse("'" + id + "' is not an ATLAS ID (like AML.T0051)");
        // For a missing ID, search would only guess; for words, the best matches are a real hint.
        List<SearchHit> similar =
                asId.isPresent() ? List.of() : SearchIndex.of(kb).search(id, 3);
        String suggestion = similar.isEmpty()
                ? ""
                : "; did you mean "
                        + String.join(
                                ", ",
                                similar.stream()
                                        .map(h -> h.object().id() + " (" + h.displayName() + ")")
                                        .toList())
                        + "?";
        return new UserException(hint + suggestion);
    }

    static void text(ObjectDetails d, PrintWriter out, int width) {
        AtlasObject o = d.object();
        out.println(Terminal.bold(o.id() + "  " + d.displayName()));
        boolean deprecated = o instanceof Technique t && t.deprecated();
        out.println(
                o.type().label() + (deprecated ? " (DEPRECATED)" : "") + " · ATLAS " + d.release() + " · " + o.url());
        out.println();
        List<String[]> facts = new ArrayList<>();
        if (d instanceof TacticDetails td) {
            Tactic t = td.object();
            facts.add(new String[] {"Shortname", t.shortname()});
            facts.add(new String[] {"ATT&CK", attack(t.attackReference())});
            facts.add(new String[] {"Dates", dates(t.created(), t.modified())});
        } else if (d instanceof TechniqueDetails td) {
            Technique t = td.object();
            td.parent()
                    .ifPresent(p -> facts.add(
                            new String[] {"Parent", p.id() + "  " + (p.inRelease() ? p.name() : NOT_IN_RELEASE)}));
            facts.add(new String[] {
                "Tactics",
                String.join(
                        ", ",
                        td.tactics().stream()
                                .map(x -> x.inRelease() ? x.name() + " (" + x.id() + ")" : x.id().value())
                                .toList())
            });
            facts.add(new String[] {
                "Maturity", t.maturity().map(m -> m.label()).orElse("not stated in ATLAS " + d.release())
            });
            if (!t.platforms().isEmpty()) {
                facts.add(new String[] {"Platforms", String.join(", ", t.platforms())});
            }
            facts.add(new String[] {"ATT&CK", attack(t.attackReference())});
            facts.add(new String[] {"Dates", dates(t.created(), t.modified())});
        } else if (d instanceof MitigationDetails md) {
            facts.add(new String[] {"Categories", String.join(", ", md.object().categories())});
            facts.add(new String[] {"Lifecycle", String.join(", ", md.object().lifecycleStages())});
            facts.add(new String[] {"ATT&CK", attack(md.object().attackReference())});
            facts.add(new String[] {
                "Dates", dates(md.object().created(), md.object().modified())
            });
        } else if (d instanceof CaseStudyDetails cd) {
            CaseStudy cs = cd.object();
            facts.add(new String[] {"Type", cs.caseStudyType().orElse("-")});
            facts.add(new String[] {
                "Date", cs.incidentDate().map(Object::toString).orElse("-")
            });
            facts.add(new String[] {"Target", cs.target().orElse("-")});
            facts.add(new String[] {"Actor", cs.actor().orElse("-")});
            cs.reporter().ifPresent(r -> facts.add(new String[] {"Reporter", r}));
        }
        for (String[] f : facts) {
            List<String> lines = new ArrayList<>();
            TerminalMarkdown.wrap(
                    f[1].isEmpty() ? "-" : f[1], lines, width, String.format("%-12s", f[0]), " ".repeat(12));
            lines.forEach(out::println);
        }
        out.println();
        out.println(TerminalMarkdown.render(o.description(), width, ""));

        if (d instanceof TacticDetails td) {
            header(out, "Techniques", td.techniques().size());
            td.techniques()
                    .forEach(x -> out.println(
                            "  " + x.technique().id() + "  " + x.technique().name() + subCount(x.subTechniques())));
        } else if (d instanceof TechniqueDetails td) {
            techniqueSections(td, out, width);
        } else if (d instanceof MitigationDetails md) {
            header(out, "Techniques", md.techniques().size());
            for (MitigationDetails.Mitigated u : md.techniques()) {
                out.println("  " + u.technique().id() + "  "
                        + (u.technique().inRelease() ? u.technique().displayName() : NOT_IN_RELEASE));
                if (!u.use().isEmpty()) {
                    out.println(TerminalMarkdown.render(u.use(), width, "      "));
                }
            }
        } else if (d instanceof CaseStudyDetails cd) {
            header(out, "Procedure", cd.procedure().size());
            for (Step s : cd.procedure()) {
                out.println("  " + s.number() + ". " + tactic(s.tactic()) + " · "
                        + s.technique().id() + " "
                        + (s.technique().inRelease() ? s.technique().displayName() : NOT_IN_RELEASE));
                out.println(TerminalMarkdown.render(s.description(), width, "      "));
            }
            header(out, "References", cd.object().references().size());
            for (Reference r : cd.object().references()) {
                List<String> lines = new ArrayList<>();
                TerminalMarkdown.wrap(
                        TerminalMarkdown.plain(r.title()) + (r.url().isEmpty() ? "" : " <" + r.url() + ">"),
                        lines,
                        width,
                        "  - ",
                        "    ");
                lines.forEach(out::println);
            }
        }
        if (!d.crosswalk().isEmpty()) {
            header(out, "Crosswalk", d.crosswalk().size());
            CrosswalkCommand.printEntries(out, d.crosswalk(), width);
        }
    }

    private static void techniqueSections(TechniqueDetails td, PrintWriter out, int width) {
        header(out, "Sub-techniques", td.subTechniques().size());
        td.subTechniques().forEach(x -> out.println("  " + x.id() + "  " + x.name()));
        header(out, "Mitigations", td.mitigations().size());
        for (TechniqueDetails.MitigationUse m : td.mitigations()) {
            out.println("  " + m.mitigation().id() + "  " + m.mitigation().name());
            if (!m.use().isEmpty()) {
                out.println(TerminalMarkdown.render(m.use(), width, "      "));
            }
        }
        // the count of studies, as the web page gives it; a study that used the technique twice lists both steps
        header(out, "Case studies", (int) td.caseStudyCount());
        for (StudyStep s : td.caseStudySteps()) {
            out.println("  " + s.caseStudy().id() + "  " + s.caseStudy().name());
            Related<Tactic> tactic = s.step().tactic();
            String tacticName = tactic.inRelease() ? tactic.name() : tactic.id().value();
            // The read model's rule: a technique's steps include its sub-techniques', each naming the ID it used.
            String via = s.step().technique().id().equals(td.object().id())
                    ? ""
                    : " via " + s.step().technique().id();
            out.println(TerminalMarkdown.render(
                    "step " + s.step().number() + " (" + tacticName + via + "): "
                            + s.step().description(),
                    width,
                    "      "));
        }
    }

    /** A tactic as its name and ID, or the ID alone when the release lacks it. */
    private static String tactic(Related<Tactic> t) {
        return t.inRelease() ? t.name() + " (" + t.id() + ")" : t.id().value();
    }

    private static String subCount(int n) {
        return n == 0 ? "" : "  (+" + n + " sub-technique" + (n == 1 ? ")" : "s)");
    }

    private static void header(PrintWriter out, String title, int count) {
        out.println();
        out.println(Terminal.bold(title + " (" + count + ")"));
    }

    private static String attack(Optional<AttackReference> ref) {
        return ref.map(r -> r.id() + (r.url().isEmpty() ? "" : "  " + r.url())).orElse("none");
    }

    private static String dates(Optional<LocalDate> created, Optional<LocalDate> modified) {
        if (created.isEmpty() && modified.isEmpty()) {
            return "not recorded";
        }
        return "created " + created.map(Object::toString).orElse("?") + ", modified "
                + modified.map(Object::toString).orElse("?");
    }
}
