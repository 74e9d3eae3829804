package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Technique;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kb stats}: how many of each object the release has. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Count the objects of a release by type; the counts are the release's own.")
final class StatsCommand extends KbSubcommand {
    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase kb = knowledgeBase();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tactics", (long) kb.tactics().size());
        counts.put(
                "techniques",
                kb.techniques().stream().filter(t -> !t.isSubTechnique()).count());
        counts.put(
                "sub-techniques",
                kb.techniques().stream().filter(Technique::isSubTechnique).count());
        counts.put("mitigations", (long) kb.mitigations().size());
        counts.put("case studies", (long) kb.caseStudies().size());
        counts.put("procedure steps", (long)
                kb.caseStudies().stream().mapToInt(c -> c.procedure().size()).sum());
        counts.put("mitigation links", (long)
                kb.mitigations().stream().mapToInt(m -> m.techniques().size()).sum());
        for (Maturity m : Maturity.values()) {
            long n = kb.techniques().stream()
                    .filter(t -> t.maturity().filter(m::equals).isPresent())
                    .count();
            if (n > 0) {
                counts.put(m.label() + " techniques", n);
            }
        }
        Map<String, Long> issues = new LinkedHashMap<>();
        for (DataIssue.Severity s : DataIssue.Severity.values()) {
            issues.put(
                    s.name().toLowerCase(Locale.ROOT),
                    kb.issues().stream().filter(i -> i.severity() == s).count());
        }
        if (format.get() == OutputFormat.JSON) {
            ObjectNode n = KbJson.object()
                    .put("atlas_version", kb.version())
                    .put("data_format", kb.dataFormat())
                    .put("source", kb.source());
            ObjectNode c = n.putObject("counts");
            counts.forEach((k, v) -> c.put(k.replace(' ', '_').replace('-', '_'), v));
            ObjectNode i = n.putObject("data_notes");
            issues.forEach(i::put);
            KbJson.print(out(), n);
            return ok();
        }
        out().println(Terminal.bold("ATLAS " + kb.version()) + " (" + kb.source() + ", data format " + kb.dataFormat()
                + ")");
        counts.forEach((k, v) -> out().printf("  %-22s %5d%n", k, v));
        out().printf(
                        "  %-22s %s%n",
                        "data notes",
                        issues.get("warning") + " warnings, " + issues.get("error") + " errors, " + issues.get("info")
                                + " notes (kb validate lists them)");
        return ok();
    }
}
