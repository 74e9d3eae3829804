package org.atlasops.intel.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Traffic Light Protocol 2.0 marking of an incident, with the STIX 2.1 marking-definition each level is
 * published under (the TLP 2.0 extension of the OASIS CTI common objects; STIX 2.1 itself predefines TLP 1.0 only).
 */
public enum Tlp {
    CLEAR("clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
    GREEN("green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
    AMBER("amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
    AMBER_STRICT("amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
    RED("red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    /** The extension definition that TLP 2.0 marking definitions carry. */
    public static final String EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    /** When OASIS published the TLP 2.0 marking definitions; part of each object, like its ID. */
    public static final String CREATED = "2022-10-01T00:00:00.000Z";

    private final String label;
    private final String markingId;

    Tlp(String label, String markingId) {
        this.label = label;
        this.markingId = markingId;
    }

    /** As TLP 2.0 writes it: {@code clear}, {@code green}, {@code amber}, {@code amber+strict}, {@code red}. */
    public String label() {
        return label;
    }

    /** {@code TLP:AMBER+STRICT}. */
    public String title() {
        return "TLP:" + label.toUpperCase(Locale.ROOT);
    }

    public String markingId() {
        return markingId;
    }

    /** Reads a level ignoring case, with or without {@code TLP:}; {@code white} is TLP 1.0's name for clear. */
    public static Optional<Tlp> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '+');
        if (t.startsWith("tlp:")) {
            t = t.substring(4);
        }
        if (t.equals("white")) {
            return Optional.of(CLEAR);
        }
        String wanted = t;
        return Arrays.stream(values()).filter(v -> v.label.equals(wanted)).findFirst();
    }

    public static Optional<Tlp> ofMarkingId(String id) {
        return Arrays.stream(values()).filter(v -> v.markingId.equals(id)).findFirst();
    }

    /** The accepted values, for messages. */
    public static String choices() {
        return "clear, green, amber, amber+strict or red";
    }
}
