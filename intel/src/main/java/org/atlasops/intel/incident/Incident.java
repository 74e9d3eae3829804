package org.atlasops.intel.incident;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.atlasops.kb.failure.BadInputException;

/**
 * An incident of the team's register: the case study ({@link Study}, what may be shared) and the operational
 * fields that never leave: the SOC timeline, the assets affected, the alerts that belong to it and internal notes.
 * The TLP marking says how far the shared form may travel.
 */
public record Incident(
        Study study, Timeline timeline, List<String> assets, List<String> alertIds, Tlp tlp, String notes) {
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/@#-]{0,199}");
    public static final int MAX_ITEMS = 500;

    public Incident {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(timeline, "timeline");
        assets = labels("assets", assets);
        alertIds = labels("alert_ids", alertIds);
        Objects.requireNonNull(tlp, "tlp");
        notes = Objects.requireNonNullElse(notes, "").strip();
        if (notes.length() > Study.MAX_TEXT) {
            throw new BadInputException("notes: at most " + Study.MAX_TEXT + " characters");
        }
    }

    /** A new incident with only its case study: empty timeline, no assets or alerts, TLP:AMBER. */
    public static Incident of(Study study) {
        return new Incident(study, Timeline.EMPTY, List.of(), List.of(), Tlp.AMBER, "");
    }

    private static List<String> labels(String field, List<String> values) {
        List<String> list = values.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        if (list.size() > MAX_ITEMS) {
            throw new BadInputException(field + ": at most " + MAX_ITEMS + " entries, was " + list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            if (!LABEL.matcher(list.get(i)).matches()) {
                throw new BadInputException(field + "[" + i + "]: '" + list.get(i) + "' is not a name: use letters, "
                        + "digits and . _ : / @ # - (at most 200 characters)");
            }
        }
        return list;
    }
}
