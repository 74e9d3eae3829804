package org.atlasops.navigator;

import java.util.Objects;

/** One link of a layer or a technique: a label and a URL, or a divider line between groups. */
public sealed interface LinkItem {
    /** A labelled URL; the Navigator requires a protocol (https://…). */
    record Link(String label, String url) implements LinkItem {
        public Link {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
        }
    }

    /** A horizontal rule between groups of links. */
    record Divider() implements LinkItem {}
}
