package org.atlasops.navigator.combine;

/**
 * What a combined layer can copy from one chosen input layer: per cell (comments, colours, links, metadata,
 * enabled state) or whole (platform filters, legend, gradient), as the Navigator's panel offers.
 */
public enum Inherit {
    COMMENTS,
    COLORS,
    LINKS,
    METADATA,
    ENABLED,
    FILTERS,
    LEGEND,
    GRADIENT
}
