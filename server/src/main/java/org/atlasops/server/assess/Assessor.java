package org.atlasops.server.assess;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atlasops.assess.coverage.AnalyzerEvidence;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageCalculator;
import org.atlasops.assess.coverage.Evidence;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.ManualEvidence;
import org.atlasops.assess.coverage.SigmaEvidence;
import org.atlasops.assess.dettect.DataSourceAdministration;
import org.atlasops.assess.dettect.DettectReader;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.emulation.EmulationEvidence;
import org.atlasops.assess.inventory.InventoryProblem;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatModeller;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;

/**
 * Reads a posted inventory and computes its threat model and coverage; the bundled pack's and analyzers' evidence of
 * a release is computed once. Coverage takes the same evidence as {@code assess coverage}: DeTT&CT files, the team's
 * rules and emulation runs, so the page, the API and the CLI give the same figures for the same input.
 */
final class Assessor {
    /** An inventory is a page of YAML: far more than any real one, far less than a body may be. */
    static final int MAX_INVENTORY = 256 * 1024;
    /** A DeTT&CT file or a data sources file: thousands of logbook entries fit. */
    static final int MAX_DETTECT = 2 * 1024 * 1024;
    /** The team's uploaded rules, all files together. */
    static final int MAX_RULES = 4 * 1024 * 1024;

    static final int MAX_RULE_FILES = 500;

    private final Map<String, List<EvidenceSource>> evidence = new ConcurrentHashMap<>();

    /** The inventory, or a problem naming every flaw with its line, column and field. */
    static SystemInventory inventory(byte[] bytes, String file, KnowledgeBase kb) {
        if (bytes.length > MAX_INVENTORY) {
            throw tooLarge(file);
        }
        InventoryReader.Result r = InventoryReader.read(bytes, file, kb);
        if (r.inventory().isPresent()) {
            return r.inventory().get();
        }
        throw new Problem(
                ProblemType.INVALID_INVENTORY,
                String.join(
                        "; ",
                        r.problems().stream().map(InventoryProblem::toString).toList()));
    }

    /** The answer to an inventory over {@link #MAX_INVENTORY} bytes, naming it. */
    static Problem tooLarge(String file) {
        return new Problem(
                ProblemType.TOO_LARGE,
                file + " is larger than " + MAX_INVENTORY / 1024 + " KiB; an inventory is a page of YAML");
    }

    static ThreatModel model(SystemInventory s, KnowledgeBase kb) {
        return ThreatModeller.bundled(kb).model(s);
    }

    /**
     * The evidence besides the inventory, read and checked: a flaw in a file names it (as uploaded) with line and
     * field; emulation runs are folders of the server's data dir, already resolved from their names.
     */
    record Inputs(
            Optional<TechniqueAdministration> dettect,
            Optional<DataSourceAdministration> dataSources,
            List<SigmaEvidence.RuleText> rules,
            List<Path> runs,
            boolean pack,
            boolean analyzers,
            boolean ruleTests,
            int minScore) {
        static final int MIN_SCORE = -1;
        static final int MAX_SCORE = 5;
        static final Inputs DEFAULT =
                new Inputs(Optional.empty(), Optional.empty(), List.of(), List.of(), true, true, true, 1);

        Inputs {
            rules = List.copyOf(rules);
            runs = List.copyOf(runs);
            // the request's min_score is checked with its field name in AssessApi.inputs; this is the invariant
            if (minScore < MIN_SCORE || minScore > MAX_SCORE) {
                throw new IllegalArgumentException(
                        "minScore " + minScore + " is outside " + MIN_SCORE + ".." + MAX_SCORE);
            }
        }

        static Optional<TechniqueAdministration> dettect(String text, String file, KnowledgeBase kb) {
            if (utf8Length(text) > MAX_DETTECT) {
                throw new Problem(
                        ProblemType.TOO_LARGE, file + " is larger than " + MAX_DETTECT / (1024 * 1024) + " MiB");
            }
            return text.isBlank()
                    ? Optional.empty()
                    : Optional.of(DettectReader.techniques(text, file, Optional.of(kb)));
        }

        static Optional<DataSourceAdministration> dataSources(String text, String file) {
            if (utf8Length(text) > MAX_DETTECT) {
                throw new Problem(
                        ProblemType.TOO_LARGE, file + " is larger than " + MAX_DETTECT / (1024 * 1024) + " MiB");
            }
            return text.isBlank() ? Optional.empty() : Optional.of(DettectReader.dataSources(text, file));
        }

        static List<SigmaEvidence.RuleText> rules(List<SigmaEvidence.RuleText> rules) {
            if (rules.size() > MAX_RULE_FILES) {
                throw new Problem(
                        ProblemType.TOO_LARGE,
                        rules.size() + " rule files; at most " + MAX_RULE_FILES + " are taken at once");
            }
            long size = rules.stream()
                    .mapToLong(r -> utf8Length(r.content())
                            + r.tests().map(Assessor::utf8Length).orElse(0L))
                    .sum();
            if (size > MAX_RULES) {
                throw new Problem(
                        ProblemType.TOO_LARGE,
                        "the rule files are larger than " + MAX_RULES / (1024 * 1024) + " MiB together");
            }
            return rules;
        }
    }

    /** The size of {@code text} in UTF-8 bytes, as the limits (and the page's uploads) count it, without encoding it. */
    static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Coverage from the bundled pack and the analyzers (as they are once per release) and the other evidence. */
    Coverage coverage(ThreatModel model, KnowledgeBase kb, Inputs in) {
        List<EvidenceSource> sources = new ArrayList<>();
        List<EvidenceSource> bundled = evidence.computeIfAbsent(
                kb.version(),
                v -> List.of(
                        Fixed.of(new SigmaEvidence(true, List.of(), true), kb), Fixed.of(new AnalyzerEvidence(), kb)));
        if (in.pack()) {
            sources.add(bundled.get(0));
        }
        if (!in.rules().isEmpty()) {
            sources.add(new SigmaEvidence(false, List.of(), in.rules(), in.ruleTests()));
        }
        if (in.analyzers()) {
            sources.add(bundled.get(1));
        }
        in.dettect().ifPresent(d -> sources.add(new ManualEvidence(d)));
        // a folder without a run or without attempts is a bad input naming it
        in.runs().forEach(p -> sources.add(new EmulationEvidence(p)));
        return CoverageCalculator.compute(
                model, kb, sources, in.dettect(), in.dataSources(), in.minScore(), LocalDate.now(ZoneOffset.UTC));
    }

    Coverage coverage(ThreatModel model, KnowledgeBase kb) {
        return coverage(model, kb, Inputs.DEFAULT);
    }

    /** A source's evidence as collected once: safe to share between requests. */
    private record Fixed(String name, List<Evidence> items, List<String> notes) implements EvidenceSource {
        Fixed {
            items = List.copyOf(items);
            notes = List.copyOf(notes);
        }

        static Fixed of(EvidenceSource s, KnowledgeBase kb) {
            List<Evidence> items = s.collect(kb);
            return new Fixed(s.name(), items, s.notes());
        }

        @Override
        public List<Evidence> collect(KnowledgeBase kb) {
            return items;
        }
    }
}
