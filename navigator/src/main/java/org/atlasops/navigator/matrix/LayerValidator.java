package org.atlasops.navigator.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.Gradient;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.LayerIssue.Severity;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.LinkItem;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.TechniqueAnnotation;

/**
 * Checks a layer against an ATLAS release: every technique and tactic exists, every tactic belongs to its
 * technique, colours parse, the gradient has two colours and a range, links have a protocol. Each issue names the
 * entry and says how to fix it.
 */
public final class LayerValidator {
    private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private LayerValidator() {}

    public static List<LayerIssue> validate(Layer layer, KnowledgeBase kb, String where) {
        List<LayerIssue> issues = new ArrayList<>();
        String release = "ATLAS " + kb.version();
        if (!layer.domain().equals(Layer.ATLAS_DOMAIN)) {
            issues.add(new LayerIssue(
                    Severity.WARNING,
                    where + ": domain",
                    "\"" + layer.domain() + "\" is not "
                            + "the ATLAS domain \"" + Layer.ATLAS_DOMAIN + "\"; its techniques are checked against "
                            + release + " anyway"));
        }
        layer.atlasVersion()
                .filter(v -> !v.equals(kb.version()))
                .ifPresent(v -> issues.add(new LayerIssue(
                        Severity.WARNING,
                        where + ": metadata." + Layer.ATLAS_VERSION_KEY,
                        "the layer was made for ATLAS "
                                + v + " and is checked against " + release + "; 'atlas-ops layer upgrade --to "
                                + kb.version()
                                + "' carries it over and reports what changed")));
        for (int i = 0; i < layer.techniques().size(); i++) {
            TechniqueAnnotation a = layer.techniques().get(i);
            String at = where + ": techniques[" + i + "] (" + a.techniqueId()
                    + a.tactic().map(t -> " on " + t).orElse("") + ")";
            technique(a, kb, release, at, issues);
            if (!a.color().isEmpty() && RgbColor.parse(a.color()).isEmpty()) {
                issues.add(badColor(at + ".color", a.color()));
            }
            links(a.links(), at + ".links", issues);
        }
        gradient(layer.gradient(), where + ": gradient", issues);
        for (int i = 0; i < layer.legend().size(); i++) {
            LegendItem item = layer.legend().get(i);
            if (RgbColor.parse(item.color()).isEmpty()) {
                issues.add(badColor(where + ": legendItems[" + i + "] (" + item.label() + ")", item.color()));
            }
        }
        if (RgbColor.parse(layer.view().tacticRowBackground()).isEmpty()) {
            issues.add(badColor(where + ": tacticRowBackground", layer.view().tacticRowBackground()));
        }
        links(layer.links(), where + ": links", issues);
        return issues;
    }

    private static void technique(
            TechniqueAnnotation a, KnowledgeBase kb, String release, String at, List<LayerIssue> issues) {
        Optional<Technique> technique = kb.technique(a.techniqueId());
        if (technique.isEmpty()) {
            String hint = ATTACK_ID.matcher(a.techniqueId()).matches()
                    ? "it is an ATT&CK ID; ATLAS techniques look like AML.T0051 (this layer may be an ATT&CK layer)"
                    : "check the ID with 'atlas-ops kb search', or upgrade the layer if it was made for another "
                            + "release";
            issues.add(new LayerIssue(
                    Severity.ERROR, at, "technique " + a.techniqueId() + " is not in " + release + "; " + hint));
            return;
        }
        Technique t = technique.get();
        if (t.deprecated()) {
            issues.add(new LayerIssue(
                    Severity.WARNING, at, a.techniqueId() + " is deprecated in " + release + " and is not drawn"));
        }
        if (a.tactic().isEmpty()) {
            return;
        }
        String shortname = a.tactic().get();
        Optional<Tactic> tactic = kb.tacticByShortname(shortname);
        List<String> valid = t.tacticIds().stream()
                .map(id -> kb.tactic(id).map(Tactic::shortname).orElse(id.value()))
                .toList();
        if (tactic.isEmpty()) {
            issues.add(new LayerIssue(
                    Severity.ERROR,
                    at + ".tactic",
                    "tactic \"" + shortname + "\" is not in "
                            + release + "; " + a.techniqueId() + " belongs to " + valid
                            + (shortname.startsWith("ml-")
                                    ? " (\"ml-\" tactics were renamed \"ai-\" in ATLAS 4.9; 'atlas-ops layer upgrade' maps them)"
                                    : "")));
        } else if (!t.tacticIds().contains(tactic.get().id())) {
            issues.add(new LayerIssue(
                    Severity.ERROR,
                    at + ".tactic",
                    a.techniqueId() + " is not in tactic \""
                            + shortname + "\" in " + release + "; it belongs to " + valid
                            + "; use one of those, or leave "
                            + "tactic out to annotate all of them"));
        }
    }

    private static void gradient(Gradient g, String at, List<LayerIssue> issues) {
        long good =
                g.colors().stream().filter(c -> RgbColor.parse(c).isPresent()).count();
        for (String c : g.colors()) {
            if (RgbColor.parse(c).isEmpty()) {
                issues.add(badColor(at + ".colors", c));
            }
        }
        if (good < 2) {
            issues.add(new LayerIssue(
                    Severity.ERROR,
                    at + ".colors",
                    "has " + good + " usable colour(s); a "
                            + "gradient needs at least two, e.g. [\"#ffffff\", \"#66b1ff\"]"));
        }
        if (!(g.maxValue() > g.minValue())) {
            issues.add(new LayerIssue(
                    Severity.ERROR,
                    at,
                    "maxValue " + g.maxValue() + " is not above minValue " + g.minValue()
                            + "; scores cannot be spread over an empty range"));
        }
    }

    private static void links(List<LinkItem> links, String at, List<LayerIssue> issues) {
        for (LinkItem item : links) {
            if (item instanceof LinkItem.Link l && !l.url().matches("(?i)[a-z][a-z0-9+.-]*://.+")) {
                issues.add(new LayerIssue(
                        Severity.WARNING,
                        at + " (" + l.label() + ")",
                        "url \"" + l.url() + "\" has no protocol; the Navigator needs one, e.g. https://" + l.url()));
            }
        }
    }

    private static LayerIssue badColor(String at, String color) {
        return new LayerIssue(
                Severity.ERROR,
                at,
                "\"" + color + "\" is not a colour; write #rrggbb (or #rgb, " + "#rrggbbaa), e.g. #66b1ff");
    }
}
