package org.atlasops.kb;

import java.util.Optional;

/** The kinds of ATLAS objects; {@link AtlasId#type()} tells an ID's kind. */
public enum ObjectType {
    TACTIC("tactic", "tactics", "AML.TA0002"),
    TECHNIQUE("technique", "techniques", "AML.T0051"),
    SUB_TECHNIQUE("sub-technique", "techniques", "AML.T0051.000"),
    MITIGATION("mitigation", "mitigations", "AML.M0000"),
    CASE_STUDY("case-study", "studies", "AML.CS0000");

    private final String label;
    private final String route;
    private final String example;

    ObjectType(String label, String route, String example) {
        this.label = label;
        this.route = route;
        this.example = example;
    }

    /** An ID of this type, for messages that say what an ID looks like. */
    public String example() {
        return example;
    }

    /** The name ATLAS uses for this type, e.g. {@code case-study}. */
    public String label() {
        return label;
    }

    /** The atlas.mitre.org URL of the object with this ID. */
    public String url(String id) {
        return "https://atlas.mitre.org/" + route + "/" + id;
    }

    /** The type an ID denotes, ignoring case; empty when the ID has none of the ATLAS shapes ({@link AtlasId}). */
    public static Optional<ObjectType> ofId(String id) {
        return AtlasId.tryParse(id).map(AtlasId::type);
    }

    public boolean isTechnique() {
        return this == TECHNIQUE || this == SUB_TECHNIQUE;
    }
}
