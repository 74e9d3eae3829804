package org.atlasops.kb;

import java.util.Objects;

/** A citation: a title and a URL, either of which may be empty in real data. */
public record Reference(String title, String url) {
    public Reference {
        title = Objects.requireNonNullElse(title, "").strip();
        url = Objects.requireNonNullElse(url, "").strip();
    }
}
