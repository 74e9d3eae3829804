package org.atlasops.intel.anonymise;

import java.util.List;
import java.util.Objects;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.Tlp;

/**
 * The shareable form of an incident and the preview of how it was made: each field that changed (before and after),
 * each value replaced with its placeholder, and the internal fields withheld. Only {@link #study()} and the TLP are
 * meant to leave; the preview stays with the analyst.
 */
public record Anonymised(
        Study study, Tlp tlp, List<Change> changes, List<Replacement> replacements, List<String> withheld) {
    /** A field before and after. */
    public record Change(String field, String before, String after) {
        public Change {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** A value found in free text, what kind it is and the placeholder that replaced it everywhere. */
    public record Replacement(Kind kind, String value, String placeholder, int count) {
        public Replacement {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(placeholder, "placeholder");
        }
    }

    /** What was found, in the order it is searched for (a URL before the host name in it). */
    public enum Kind {
        SECRET,
        EMAIL,
        URL,
        IP,
        HOST,
        NAME
    }

    public Anonymised {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(tlp, "tlp");
        changes = List.copyOf(changes);
        replacements = List.copyOf(replacements);
        withheld = List.copyOf(withheld);
    }
}
