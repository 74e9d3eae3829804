package org.atlasops.assess;

import java.util.Optional;
import org.atlasops.kb.AtlasId;
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
        return kb.nearest(text, type).map(o -> o.id() + " (" + o.name() + ")");
    }

    /** Techniques and sub-techniques are one kind here: either may stand where a technique is expected. */
    private static String kind(ObjectType type) {
        return type == ObjectType.SUB_TECHNIQUE ? ObjectType.TECHNIQUE.label() : type.label();
    }

    private static String example(ObjectType type) {
        return kind(type).equals(ObjectType.TECHNIQUE.label()) ? "AML.T0051 or AML.T0051.000" : type.example();
    }
}
