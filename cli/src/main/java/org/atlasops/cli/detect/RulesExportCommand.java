package org.atlasops.cli.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.siem.SiemExport;
import org.atlasops.detect.sigma.RuleLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code detect rules export --to splunk|esql|kql}: the rules as SIEM queries, and those that cannot be. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Convert the rules (the bundled ATLAS pack unless --rules) to Splunk SPL, Elastic ES|QL or Microsoft "
                    + "Sentinel KQL, one query per detection rule. Rules a target cannot express (correlations, "
                    + "unsupported modifiers, regular expressions beyond its engine) are listed with the reason.",
            "Field mapping per target: docs/detect.md, 'Export to SIEMs'."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops detect rules export --to splunk --source 'index=llm sourcetype=otel'",
            "  atlas-ops detect rules export --to kql --rules my-rules/ --with-pack --format json"
        })
final class RulesExportCommand implements Callable<Integer> {
    @ParentCommand
    RulesCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "splunk, esql or kql.")
    String to;

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            description = "Where the events are: Splunk search terms (default: index=ai_telemetry), an ES|QL index "
                    + "pattern (default: ai-telemetry) or a KQL table (default: AiTelemetry).")
    String source;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    public Integer call() {
        SiemExport.Target target = switch (to.toLowerCase(Locale.ROOT)) {
            case "splunk", "spl" -> SiemExport.Target.SPLUNK;
            case "esql", "es|ql", "elastic" -> SiemExport.Target.ESQL;
            case "kql", "sentinel" -> SiemExport.Target.KQL;
            default -> throw new UserException("--to takes splunk, esql or kql, not '" + to + "'");
        };
        SiemExport.Result r = SiemExport.export(ruleTexts(), target, source != null ? source : target.defaultSource());
        PrintWriter out = spec.commandLine().getOut();
        if (format.get().equals("json")) {
            ObjectNode n = JsonOutput.object().put("target", target.cliName());
            ArrayNode queries = n.putArray("queries");
            r.converted()
                    .forEach(c -> queries.addObject()
                            .put("id", c.ruleId())
                            .put("title", c.title())
                            .put("file", c.file())
                            .put("query", c.query()));
            ArrayNode not = n.putArray("not_converted");
            r.notConverted()
                    .forEach(c -> not.addObject()
                            .put("id", c.ruleId())
                            .put("title", c.title())
                            .put("file", c.file())
                            .put("reason", c.reason()));
            JsonOutput.print(out, n);
        } else {
            String comment = target == SiemExport.Target.SPLUNK ? "``` " : "// ";
            String end = target == SiemExport.Target.SPLUNK ? " ```" : "";
            for (SiemExport.Converted c : r.converted()) {
                out.println(comment + c.title() + " (" + c.ruleId() + ", " + c.file() + ")" + end);
                out.println(c.query());
                out.println();
            }
            out.println(comment + r.converted().size() + " rules converted, "
                    + r.notConverted().size() + " not:" + end);
            for (SiemExport.NotConverted c : r.notConverted()) {
                out.println(comment + "  " + c.title() + " (" + c.file() + "): " + c.reason() + end);
            }
        }
        out.flush();
        return 0;
    }

    /** The bundled pack unless --rules, with it when --with-pack too; folders are walked for rule files. */
    private List<SiemExport.RuleText> ruleTexts() {
        RuleOptions o = parent.ruleOptions;
        List<SiemExport.RuleText> texts = new ArrayList<>();
        if (o.rules == null || o.rules.isEmpty() || o.withPack) {
            for (String f : RulePack.files()) {
                texts.add(new SiemExport.RuleText("bundled:" + f, RulePack.text(f)));
            }
        }
        if (o.rules != null) {
            for (Path p : o.rules) {
                if (!Files.exists(p)) {
                    throw new UserException(p + ": no such file or folder");
                }
                for (Path f : files(p)) {
                    try {
                        texts.add(new SiemExport.RuleText(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UserException(f + ": cannot read: " + e.getMessage());
                    }
                }
            }
        }
        return texts;
    }

    private static List<Path> files(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile)
                    .filter(RuleLoader::isRuleFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
