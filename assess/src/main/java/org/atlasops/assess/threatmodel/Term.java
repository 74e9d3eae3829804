package org.atlasops.assess.threatmodel;

import java.util.Objects;
import java.util.Optional;
import org.atlasops.assess.inventory.Attribute;

/** One condition of a rule: an attribute, with a value for the attributes that have one ({@code exposure:public}). */
record Term(Attribute attribute, Optional<String> value) {
    Term {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return attribute.key() + value.map(v -> ":" + v).orElse("");
    }
}
