package org.atlasops.kb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.kb.failure.BadInputException;

/**
 * The ID of an ATLAS object, e.g. {@code AML.T0051.000}: a matrix prefix ({@code AML.}, or any other the data
 * declares), then {@code TA}, {@code T}, {@code M} or {@code CS} and four digits, and for a sub-technique a dot and
 * three digits. The value is kept in upper case, so two spellings of one ID are equal. This is the only place that
 * knows the shape of an ID; everything else asks it.
 */
public record AtlasId(String value) implements Comparable<AtlasId> {
    private static final Pattern SHAPE = Pattern.compile("((?:[A-Z]+\\d*\\.)+)(TA|T|M|CS)(\\d{4})(?:\\.(\\d{3}))?");
    /** A prefix of an ID: the matrix prefix typed, then possibly the beginning of the rest. */
    private static final Pattern START =
            Pattern.compile("[A-Z]+\\d*\\.(?:(?:[A-Z]+\\d*\\.)*(?:TA|T|M|CS)\\d{0,4}(?:\\.\\d{0,3})?)?");
    /** The Sigma tag namespace of ATLAS: {@code atlas.aml.t0051.000}. */
    public static final String SIGMA_NAMESPACE = "atlas";

    public AtlasId {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new BadInputException(describe(value));
        }
    }

    /** The ID as ATLAS writes it ({@code AML.T0051.000}); JSON and text show an ID as this value. */
    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Reads an ID, ignoring case and surrounding blanks; a text of another shape is bad input with a hint. */
    @JsonCreator
    public static AtlasId parse(String text) {
        return tryParse(text).orElseThrow(() -> new BadInputException(describe(text)));
    }

    /** Reads an ID, ignoring case and surrounding blanks; empty when the text has no ATLAS ID shape. */
    public static Optional<AtlasId> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.strip().toUpperCase(Locale.ROOT);
        return SHAPE.matcher(upper).matches() ? Optional.of(new AtlasId(upper)) : Optional.empty();
    }

    /** Whether a text is an ATLAS ID (ignoring case and surrounding blanks). */
    public static boolean isId(String text) {
        return tryParse(text).isPresent();
    }

    /**
     * Whether a text is an ID or the start of one with its matrix prefix typed ({@code AML.}, {@code aml.t00}),
     * ignoring case and surrounding blanks: what a search box treats as an ID lookup.
     */
    public static boolean isIdOrStart(String text) {
        return text != null
                && START.matcher(text.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /**
     * The ID a Sigma tag names: {@code atlas.aml.t0051.000} → {@code AML.T0051.000}. Empty for tags of other
     * namespaces ({@code attack.t1059}) and for {@code atlas.} tags that hold no ID.
     */
    public static Optional<AtlasId> fromSigmaTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String prefix = SIGMA_NAMESPACE + ".";
        String t = tag.strip();
        if (t.length() <= prefix.length() || !t.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        return tryParse(t.substring(prefix.length()));
    }

    /** The Sigma tag for this ID: {@code atlas.aml.t0051.000} (the namespace, then the ID in lower case). */
    public String sigmaTag() {
        return SIGMA_NAMESPACE + "." + value.toLowerCase(Locale.ROOT);
    }

    /** What kind of object this ID names. */
    public ObjectType type() {
        Matcher m = shape();
        return switch (m.group(2)) {
            case "TA" -> ObjectType.TACTIC;
            case "T" -> m.group(4) == null ? ObjectType.TECHNIQUE : ObjectType.SUB_TECHNIQUE;
            case "M" -> ObjectType.MITIGATION;
            default -> ObjectType.CASE_STUDY;
        };
    }

    public boolean isTactic() {
        return type() == ObjectType.TACTIC;
    }

    /** A technique or a sub-technique. */
    public boolean isTechnique() {
        return type().isTechnique();
    }

    public boolean isSubTechnique() {
        return type() == ObjectType.SUB_TECHNIQUE;
    }

    /** The technique a sub-technique belongs to ({@code AML.T0051.000} → {@code AML.T0051}); empty otherwise. */
    public Optional<AtlasId> parent() {
        Matcher m = shape();
        return m.group(4) == null ? Optional.empty() : Optional.of(new AtlasId(m.group(1) + m.group(2) + m.group(3)));
    }

    /** This ID for a technique or tactic, its parent's for a sub-technique. */
    public AtlasId techniqueOrSelf() {
        return parent().orElse(this);
    }

    /** The atlas.mitre.org page of the object. */
    public String url() {
        return type().url(value);
    }

    @Override
    public int compareTo(AtlasId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    // equals and hashCode as the record's own, written out: the generated ones set up method handles on first use
    // (about 20 ms), which every short command would pay, IDs being the keys of every map (docs/benchmarks.md)
    @Override
    public boolean equals(Object o) {
        return o instanceof AtlasId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private Matcher shape() {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException(value); // the constructor checked it
        }
        return m;
    }

    private static String describe(String text) {
        return "'" + text + "' is not an ATLAS ID: use the form AML.T0051 (technique), AML.T0051.000 (sub-technique), "
                + "AML.TA0005 (tactic), AML.M0015 (mitigation) or AML.CS0016 (case study)";
    }
}
