package org.atlasops.kb;

import java.util.Optional;
import java.util.regex.Pattern;

/** The kinds of ATLAS objects, recognised from their IDs as the ATLAS output schema defines them. */
public enum ObjectType {
    TACTIC("tactic", "tactics", "^(?:[A-Z]+\\d*\\.)+TA\\d{4}$"),
    TECHNIQUE("technique", "techniques", "^(?:[A-Z]+\\d*\\.)+T\\d{4}$"),
    SUB_TECHNIQUE("sub-technique", "techniques", "^(?:[A-Z]+\\d*\\.)+T\\d{4}\\.\\d{3}$"),
    MITIGATION("mitigation", "mitigations", "^(?:[A-Z]+\\d*\\.)+M\\d{4}$"),
    CASE_STUDY("case-study", "studies", "^(?:[A-Z]+\\d*\\.)+CS\\d{4}$");

    private final String label;
    private final String route;
    private final Pattern idPattern;

    ObjectType(String label, String route, String idPattern) {
        this.label = label;
        this.route = route;
        this.idPattern = Pattern.compile(idPattern);
    }

    /** The name ATLAS uses for this type, e.g. {@code case-study}. */
    public String label() {
        return label;
    }

    /** The atlas.mitre.org URL of the object with this ID. */
    public String url(String id) {
        return "https://atlas.mitre.org/" + route + "/" + id;
    }

    /** The type an ID denotes, ignoring case; empty when the ID has none of the ATLAS shapes. */
    public static Optional<ObjectType> ofId(String id) {
        String upper = id.trim().toUpperCase(java.util.Locale.ROOT);
        for (ObjectType type : values()) {
            if (type.idPattern.matcher(upper).matches()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public boolean isTechnique() {
        return this == TECHNIQUE || this == SUB_TECHNIQUE;
    }
}
