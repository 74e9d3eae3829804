package org.atlasops.kb.validate;

import java.util.Objects;

/**
 * A broken rule in a release: the object, the rule's name and a message that says what is wrong and what to do.
 */
public record Finding(String objectId, Rule rule, String message) {
    public Finding {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return objectId + ": " + message + " [" + rule.code() + "]";
    }
}
