package org.atlasops.navigator;

import java.util.Objects;

/** One row of a layer's or a technique's metadata: a name and a value, or a divider line between groups. */
public sealed interface MetadataItem {
    /** A name/value pair. */
    record Entry(String name, String value) implements MetadataItem {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A horizontal rule the Navigator draws between groups of metadata. */
    record Divider() implements MetadataItem {}

    static MetadataItem of(String name, String value) {
        return new Entry(name, value);
    }
}
