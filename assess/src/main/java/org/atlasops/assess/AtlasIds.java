package org.atlasops.assess;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;

/** Checks an ATLAS ID read from a user's file against the release, and says what it probably meant when it is not there. */
public final class AtlasIds {
    private AtlasIds() {}

    /**
     * Why this text names no object of the expected type in the release, with the release's nearest match; empty
     * when it does.
     */
    public static Optional<String> problem(KnowledgeBase kb, String text, ObjectType expected) {
        Optional<AtlasId> id = AtlasId.tryParse(text);
        if (id.isEmpty()) {
            return Optional.of("'" + text + "' is not an ATLAS ID (like " + example(expected) + ")"
                    + nearest(kb, text, expected).map(n -> "; nearest: " + n).orElse(""));
        }
        if (!kind(id.get().type()).equals(kind(expected))) {
            return Optional.of(id.get() + " is a " + id.get().type().label() + ", expected a " + expected.label());
        }
        if (kb.find(id.get()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(id.get() + " is not in ATLAS " + kb.version()
                + nearest(kb, id.get().value(), expected)
                        .map(n -> "; nearest: " + n)
                        .orElse(""));
    }

    /** The object of this type whose ID (or, failing that, name) is closest to the text, as "ID (name)". */
    public static Optional<String> nearest(KnowledgeBase kb, String text, ObjectType type) {
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        return kb.objects().stream()
                .filter(o -> kind(o.type()).equals(kind(type)))
                .min(Comparator.comparingInt((AtlasObject o) -> Math.min(
                                distance(wanted, o.id().value()),
                                distance(wanted, o.name().toUpperCase(Locale.ROOT))))
                        .thenComparing(AtlasObject::id))
                .map(o -> o.id() + " (" + o.name() + ")");
    }

    /** Techniques and sub-techniques are one kind here: either may stand where a technique is expected. */
    private static String kind(ObjectType type) {
        return type == ObjectType.SUB_TECHNIQUE ? ObjectType.TECHNIQUE.label() : type.label();
    }

    private static String example(ObjectType type) {
        return kind(type).equals(ObjectType.TECHNIQUE.label()) ? "AML.T0051 or AML.T0051.000" : type.example();
    }

    /** Edit distance counting a swap of two neighbours as one edit (typed IDs swap digits: T0015 for T0051). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
