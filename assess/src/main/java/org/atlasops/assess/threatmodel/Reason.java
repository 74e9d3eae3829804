package org.atlasops.assess.threatmodel;

import java.util.Objects;

/**
 * What made a technique apply: an attribute of the system, on the component it belongs to.
 *
 * @param component the CoSAI component ID (empty for {@code always})
 * @param componentLabel the system's own name for it when the inventory lists it, else the CoSAI title
 * @param attribute the attribute as rules spell it ({@code side-effects})
 * @param detail what the inventory says ({@code side-effects: tickets (MCP server)})
 */
public record Reason(String component, String componentLabel, String attribute, String detail) {
    public Reason {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(componentLabel, "componentLabel");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return component.isEmpty() ? detail : componentLabel + " [" + component + "]: " + detail;
    }
}
