package org.atlasops.kb;

/** Anything in ATLAS with an ID, a name and a Markdown description. */
public sealed interface AtlasObject permits Tactic, Technique, Mitigation, CaseStudy {
    AtlasId id();

    String name();

    /** Markdown, as the data has it (site-relative links included); see {@link Markdown}. */
    String description();

    ObjectType type();

    /** The description with its site-relative links made absolute ({@code https://atlas.mitre.org/...}). */
    default String resolvedDescription() {
        return Markdown.resolveLinks(description());
    }

    default String url() {
        return id().url();
    }
}
