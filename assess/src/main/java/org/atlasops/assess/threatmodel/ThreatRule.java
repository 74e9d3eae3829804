package org.atlasops.assess.threatmodel;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.atlasops.kb.AtlasId;

/**
 * When one technique applies to a system, and why.
 *
 * @param when {@link When#TERMS}: it applies when one of the alternatives holds, each a list of terms that must
 *     all hold; {@link When#AS_PARENT}: when its parent applies, for the parent's reasons
 * @param cosaiRisks the CoSAI Risk Map risks the rule draws on
 * @param line where the rule is in its file
 */
public record ThreatRule(
        AtlasId technique, When when, List<List<Term>> alternatives, String why, List<String> cosaiRisks, int line) {
    public enum When {
        ALWAYS,
        NEVER,
        AS_PARENT,
        TERMS
    }

    public ThreatRule {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(when, "when");
        alternatives = alternatives.stream().map(List::copyOf).toList();
        why = Objects.requireNonNullElse(why, "");
        cosaiRisks = List.copyOf(cosaiRisks);
    }

    /** The condition as written: "exposure:public, or agent and side-effects". */
    public String condition() {
        return switch (when) {
            case ALWAYS -> "always";
            case NEVER -> "never";
            case AS_PARENT -> "when its parent applies";
            case TERMS ->
                alternatives.stream()
                        .map(a -> a.stream().map(Term::toString).collect(Collectors.joining(" and ")))
                        .collect(Collectors.joining(", or "));
        };
    }
}
