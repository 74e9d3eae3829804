package org.atlasops.cli.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.SigmaRule;
import org.atlasops.detect.sigma.correlation.CorrelationRule;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code detect rules}: the rules in use (default: the bundled pack) with their ATLAS techniques. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = RulesExportCommand.class,
        description = "List the rules (the bundled ATLAS pack unless --rules): id, title, level, logsource and ATLAS "
                + "techniques with their names.")
final class RulesCommand implements Callable<Integer> {
    @ParentCommand
    DetectCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    public Integer call() throws Exception {
        RuleSet set = ruleOptions.load();
        KnowledgeBase kb = parent.root.knowledgeBase();
        var out = spec.commandLine().getOut();
        if (format.get().equals("json")) {
            ArrayNode list = JsonOutput.array();
            for (SigmaRule r : set.rules()) {
                ObjectNode n = list.addObject()
                        .put("kind", "rule")
                        .put("id", r.id())
                        .put("title", r.title())
                        .put("level", r.level())
                        .put("logsource", r.logsource().toString());
                techniques(n.putArray("techniques"), r.atlasTechniques(), kb);
            }
            for (CorrelationRule c : set.correlations()) {
                ObjectNode n = list.addObject()
                        .put("kind", "correlation")
                        .put("id", c.meta().id())
                        .put("title", c.meta().title())
                        .put("level", c.meta().level())
                        .put("type", c.type().sigmaName());
                techniques(
                        n.putArray("techniques"),
                        SigmaRule.techniqueIds(c.meta().tags()),
                        kb);
            }
            JsonOutput.print(out, list);
        } else {
            for (SigmaRule r : set.rules()) {
                out.printf(
                        "%-8s %-13s %s  [%s]%n",
                        level(r.level()), joined(r.atlasTechniques()), r.title(), r.logsource());
            }
            for (CorrelationRule c : set.correlations()) {
                out.printf(
                        "%-8s %-13s %s  (%s correlation)%n",
                        level(c.meta().level()),
                        joined(SigmaRule.techniqueIds(c.meta().tags())),
                        c.meta().title(),
                        c.type().sigmaName());
            }
            out.println(set.rules().size() + " rules, " + set.correlations().size() + " correlations (ATLAS "
                    + kb.version() + ")");
        }
        out.flush();
        return 0;
    }

    private static String level(String level) {
        return level == null ? "-" : level;
    }

    private static String joined(List<AtlasId> ids) {
        return String.join(",", ids.stream().map(AtlasId::value).toList());
    }

    private static void techniques(ArrayNode into, List<AtlasId> ids, KnowledgeBase kb) {
        for (AtlasId id : ids) {
            into.addObject()
                    .put("id", id.value())
                    .put("name", kb.find(id.value()).map(kb::displayName).orElse(""));
        }
    }
}
