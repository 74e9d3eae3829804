package org.atlasops.cli.assess;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.EvidenceCounts;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatModeller;
import org.atlasops.assess.threatmodel.ThreatRules;
import org.atlasops.assess.threatmodel.Weights;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Option;

/** The options that make a threat model: the rule set and the weights. */
final class SystemFiles {
    @Option(
            names = "--threat-rules",
            paramLabel = "FILE",
            description =
                    "A threat rule set of your own (YAML, docs/assess.md) instead of the bundled one for the release.")
    Path threatRules;

    @Option(
            names = "--weights",
            paramLabel = "FILE",
            description = "Priority weights (YAML: exposure, maturity, evidence, control-gap, evidence-cap, internal, "
                    + "off-system, indirect); the others keep their defaults.")
    Path weights;

    /** Checks the files before any release is loaded, so a bad file is named first. */
    void check() {
        if (threatRules != null) {
            Inputs.file(threatRules, "a threat rule set (YAML)");
        }
        if (weights != null) {
            Inputs.file(weights, "a weights file (YAML)");
        }
    }

    Weights weights() {
        return weights == null ? Weights.DEFAULT : Weights.read(weights);
    }

    ThreatRules rules(KnowledgeBase kb) {
        return threatRules == null ? ThreatRules.bundledFor(kb.version()) : ThreatRules.read(threatRules);
    }

    static SystemInventory inventory(Path file, KnowledgeBase kb, PrintWriter err) {
        return InventoryReader.read(file, kb).orThrow();
    }

    ThreatModel model(SystemInventory system, KnowledgeBase kb, PrintWriter err) {
        return model(system, kb, EvidenceCounts.NONE, err);
    }

    /** With real-world evidence beyond the ATLAS case studies (the incident register's counts). */
    ThreatModel model(SystemInventory system, KnowledgeBase kb, EvidenceCounts evidence, PrintWriter err) {
        ThreatModel m = new ThreatModeller(kb, rules(kb), weights(), evidence).model(system);
        if (!m.notes().isEmpty()) {
            err.println("note: " + m.notes().get(0)
                    + (m.notes().size() > 1 ? " (and " + (m.notes().size() - 1) + " more notes in the report)" : ""));
        }
        return m;
    }

    static Optional<Path> opt(Path p) {
        return Optional.ofNullable(p);
    }
}
