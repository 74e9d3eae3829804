package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.search.SearchHit;
import org.atlasops.kb.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kb search QUERY}: ranked full-text search. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Ranked full-text search over IDs, names and descriptions of every object type, tolerant " + "of typos.",
            "Example: atlas-ops kb search \"prompt injection\""
        })
final class SearchCommand extends KbSubcommand {
    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words to look for (quotes optional).")
    List<String> words;

    @Option(
            names = {"-n", "--limit"},
            defaultValue = "10",
            description = "How many results (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = {"-t", "--type"},
            paramLabel = "TYPE",
            converter = ObjectTypes.class,
            completionCandidates = ObjectTypes.class,
            description = "Only this kind: tactic, technique (sub-techniques included), sub-technique, mitigation, "
                    + "case-study.")
    ObjectType type;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        if (limit < 1 || limit > 1000) {
            throw new UserException("--limit must be between 1 and 1000, was " + limit);
        }
        KnowledgeBase kb = knowledgeBase();
        String query = String.join(" ", words);
        List<SearchHit> hits = SearchIndex.of(kb).search(query, type == null ? limit : 1000).stream()
                .filter(h -> type == null
                        || h.object().type() == type
                        || type == ObjectType.TECHNIQUE && h.object().type() == ObjectType.SUB_TECHNIQUE)
                .limit(limit)
                .toList();
        if (format.get() == OutputFormat.JSON) {
            ObjectNode n = KbJson.object().put("query", query).put("atlas_version", kb.version());
            ArrayNode results = n.putArray("results");
            int rank = 1;
            for (SearchHit h : hits) {
                results.add(KbJson.summary(kb, h.object())
                        .put("rank", rank++)
                        .put("score", h.score())
                        .put("display_name", h.displayName()));
            }
            KbJson.print(out(), n);
            return ok();
        }
        if (hits.isEmpty()) {
            out().println("No match for \"" + query + "\" in ATLAS " + kb.version() + ".");
            return ok();
        }
        Table t = new Table("#", "ID", "TYPE", "NAME");
        int rank = 1;
        for (SearchHit h : hits) {
            t.row(
                    String.valueOf(rank++),
                    h.object().id().value(),
                    h.object().type().label(),
                    h.displayName());
        }
        t.print(out(), Terminal.width());
        return ok();
    }
}
