package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.intel.search.Library;
import org.atlasops.intel.search.RiskHit;
import org.atlasops.intel.search.RiskQuery;
import org.atlasops.intel.search.RiskRecord;
import org.atlasops.intel.search.RiskResults;
import org.atlasops.intel.search.RiskSource;
import org.atlasops.intel.search.Sources;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.UnavailableException;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intel search}: the AI risk database, searched in ATLAS terms. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Searches ATLAS case studies, AVID, AIID (once imported) and the team's incidents together. Each hit "
                    + "shows its source, licence and whether its ATLAS mapping is official or inferred.",
            "Example: atlas-ops intel search --technique AML.T0051      (everything about prompt injection)",
            "         atlas-ops intel search jailbreak --source avid --format json"
        })
final class RiskSearchCommand implements Callable<Integer> {
    @ParentCommand
    IntelCommand intel;

    @Spec
    CommandSpec spec;

    @Mixin
    IntelContext context;

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Words to look for (or a technique ID).")
    List<String> words = new ArrayList<>();

    @Option(
            names = {"-t", "--technique"},
            paramLabel = "ID",
            description = "Only records involving this technique " + "(its sub-techniques included).")
    String technique;

    @Option(names = "--tactic", paramLabel = "ID", description = "Only records involving a technique of this tactic.")
    String tactic;

    @Option(names = "--maturity", paramLabel = "LEVEL", description = "feasible, demonstrated or realized.")
    String maturity;

    @Option(
            names = {"-s", "--source"},
            paramLabel = "SOURCE",
            split = ",",
            description = "atlas, avid, aiid, team (comma-separated; default: all).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--system", paramLabel = "NAME", description = "Only records about this model or system.")
    String system;

    @Option(names = "--since", paramLabel = "DATE", description = "Only records dated on or after (YYYY-MM-DD).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only records dated on or before (YYYY-MM-DD).")
    String until;

    @Option(
            names = {"-n", "--limit"},
            defaultValue = "20",
            description = "How many hits (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    public Integer call() {
        boolean json = format.get().equals("json");
        var root = intel.root;
        KnowledgeBase kb = root.knowledgeBase();
        Set<String> known = Set.of(Sources.ATLAS, Sources.AVID, Sources.AIID, Sources.TEAM);
        Set<String> wanted = new HashSet<>();
        for (String s : sources) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (!known.contains(v)) {
                throw new UserException("--source: '" + s + "' is not atlas, avid, aiid or team");
            }
            wanted.add(v);
        }
        if (limit < 1 || limit > RiskQuery.MAX_LIMIT) {
            throw new UserException("--limit must be between 1 and " + RiskQuery.MAX_LIMIT + ", was " + limit);
        }
        RiskQuery q = new RiskQuery(
                String.join(" ", words),
                inRelease(kb, "--technique", id("--technique", technique, true)),
                inRelease(kb, "--tactic", id("--tactic", tactic, false)),
                Optional.ofNullable(maturity).map(m -> m.strip().toLowerCase(Locale.ROOT)),
                wanted,
                Optional.ofNullable(system),
                date("--since", since),
                date("--until", until),
                limit);
        List<RiskSource> extra = new ArrayList<>();
        if (wanted.isEmpty() || wanted.contains(Sources.TEAM)) {
            extra.add(team(root));
        }
        RiskResults r = new Library(root.dataDir()).index(kb, extra).search(q);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = JsonOutput.object()
                    .put("query", q.text())
                    .put("atlas_version", kb.version())
                    .put("total", r.total());
            q.technique().ifPresent(t -> n.put("technique", t.value()));
            ArrayNode hits = n.putArray("hits");
            for (RiskHit h : r.hits()) {
                hits.add(hit(h, kb));
            }
            ObjectNode facets = n.putObject("facets");
            r.facets().forEach((k, v) -> {
                ObjectNode f = facets.putObject(k);
                v.forEach(f::put);
            });
            JsonOutput.print(out, n);
            return ExitCodes.OK;
        }
        out.println(r.total() + " record(s)"
                + (r.total() > r.hits().size() ? ", the best " + r.hits().size() : "") + "; by source: "
                + counts(r.facets().get("source")) + ".");
        int rank = 1;
        for (RiskHit h : r.hits()) {
            RiskRecord rec = h.record();
            out.println();
            out.println(rank++ + ". [" + rec.source() + "] " + rec.key()
                    + rec.date().map(d -> " (" + d + ")").orElse("") + ": " + rec.title());
            out.println("   ATLAS mapping: " + h.mapping() + "; " + techniques(rec.techniques(), kb));
            out.println("   licence: " + rec.licence() + (rec.url().isEmpty() ? "" : "; " + rec.url()));
        }
        return ExitCodes.OK;
    }

    private RiskSource team(org.atlasops.cli.AtlasOpsCommand root) {
        List<RiskRecord> records = new ArrayList<>();
        try (Database db = context.open(root)) {
            for (StoredIncident s : db.incidents().list(0, 500)) {
                records.add(Sources.team(s.id(), s.incident()));
            }
        } catch (UnavailableException e) {
            spec.commandLine()
                    .getErr()
                    .println("atlas-ops: warning: the team's incidents are left out: " + e.getMessage());
        }
        return RiskSource.of(Sources.TEAM, records);
    }

    static ObjectNode hit(RiskHit h, KnowledgeBase kb) {
        RiskRecord rec = h.record();
        ObjectNode o = JsonOutput.object()
                .put("source", rec.source())
                .put("key", rec.key())
                .put("title", rec.title())
                .put("licence", rec.licence())
                .put("url", rec.url())
                .put("mapping", h.mapping())
                .put("score", h.score());
        rec.date().ifPresent(d -> o.put("date", d.toString()));
        rec.systems().forEach(o.putArray("systems")::add);
        ArrayNode ts = o.putArray("techniques");
        for (Suggestion s : rec.techniques()) {
            ts.addObject()
                    .put("id", s.technique().value())
                    .put(
                            "name",
                            kb.technique(s.technique()).map(kb::displayName).orElse(""))
                    .put("basis", s.basis().label())
                    .put("reason", s.reason());
        }
        return o;
    }

    private static String techniques(List<Suggestion> list, KnowledgeBase kb) {
        if (list.isEmpty()) {
            return "no technique";
        }
        List<String> parts = new ArrayList<>();
        for (Suggestion s : list.stream().limit(6).toList()) {
            parts.add(s.technique() + " "
                    + kb.technique(s.technique()).map(kb::displayName).orElse("") + " ("
                    + s.basis().label() + ")");
        }
        return String.join(", ", parts) + (list.size() > 6 ? ", +" + (list.size() - 6) : "");
    }

    private static Optional<AtlasId> id(String option, String text, boolean technique) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<AtlasId> id = AtlasId.tryParse(text);
        if (id.isEmpty() || (technique ? !id.get().isTechnique() : !id.get().isTactic())) {
            throw new UserException(option + ": '" + text + "' is not a "
                    + (technique ? "technique ID such as AML.T0051" : "tactic ID such as AML.TA0005"));
        }
        return id;
    }

    /** "avid 184, atlas 23" rather than a map's toString. */
    static String counts(java.util.Map<?, ?> byKey) {
        if (byKey == null || byKey.isEmpty()) {
            return "none";
        }
        return byKey.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** An ID the release lacks is a mistake (with what was probably meant), not a search that finds nothing. */
    private static Optional<AtlasId> inRelease(KnowledgeBase kb, String option, Optional<AtlasId> id) {
        if (id.isPresent() && kb.find(id.get()).isEmpty()) {
            throw new UserException(option + ": " + id.get() + " is not in ATLAS " + kb.version()
                    + kb.nearest(id.get().value(), id.get().type())
                            .map(o -> "; the nearest is " + o.id() + " (" + o.name() + ")")
                            .orElse(""));
        }
        return id;
    }

    private static Optional<LocalDate> date(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new UserException(option + ": '" + text + "' is not a date: use YYYY-MM-DD");
        }
    }
}
