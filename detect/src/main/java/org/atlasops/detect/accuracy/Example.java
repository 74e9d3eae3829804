package org.atlasops.detect.accuracy;

import java.util.Objects;

/**
 * One labelled example: the item to judge, its id, label, whether the label is an attack, where it comes from
 * ({@code source}, e.g. {@code owner/repo:path#fragment}), its language and length band, and where it was read
 * ({@code file:line}).
 */
public record Example<T>(
        T item,
        String id,
        String label,
        boolean attack,
        String source,
        String language,
        LengthBand length,
        String place) {
    public Example {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(place, "place");
    }

    /**
     * The source a leave-one-source-out fold leaves out: the repository of an {@code owner/repo:path} source (files
     * of one repository share authors, templates and style, so one is not held out while another trains), the whole
     * source otherwise, and {@code (none)} when a record names none.
     */
    public String sourceGroup() {
        return group(source);
    }

    /** The group of a {@code source} string, as {@link #sourceGroup()} gives it (for trainers reading records). */
    public static String group(String source) {
        String s = source.strip();
        if (s.isEmpty()) {
            return "(none)";
        }
        int colon = s.indexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }
}
