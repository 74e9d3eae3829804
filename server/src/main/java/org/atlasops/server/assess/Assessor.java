package org.atlasops.server.assess;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atlasops.assess.coverage.AnalyzerEvidence;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageCalculator;
import org.atlasops.assess.coverage.Evidence;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.SigmaEvidence;
import org.atlasops.assess.inventory.InventoryProblem;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatModeller;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;

/** Reads a posted inventory and computes its threat model and coverage; the evidence of a release is computed once. */
final class Assessor {
    /** An inventory is a page of YAML: far more than any real one, far less than a body may be. */
    static final int MAX_INVENTORY = 256 * 1024;

    private final Map<String, List<EvidenceSource>> evidence = new ConcurrentHashMap<>();

    /** The inventory, or a problem naming every flaw with its line, column and field. */
    static SystemInventory inventory(byte[] bytes, String file, KnowledgeBase kb) {
        if (bytes.length > MAX_INVENTORY) {
            throw new Problem(
                    ProblemType.TOO_LARGE,
                    file + " is larger than " + MAX_INVENTORY / 1024 + " KiB; an inventory is a page of YAML");
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

    static ThreatModel model(SystemInventory s, KnowledgeBase kb) {
        return ThreatModeller.bundled(kb).model(s);
    }

    /** Coverage from the bundled rule pack (its tests run once per release) and the AI analyzers. */
    Coverage coverage(ThreatModel model, KnowledgeBase kb) {
        List<EvidenceSource> sources = evidence.computeIfAbsent(
                kb.version(),
                v -> List.of(
                        Fixed.of(new SigmaEvidence(true, List.of(), true), kb), Fixed.of(new AnalyzerEvidence(), kb)));
        return CoverageCalculator.compute(
                model,
                kb,
                sources,
                Optional.empty(),
                Optional.empty(),
                1,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
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
