package org.atlasops.emulate.judge;

import java.util.Objects;
import org.atlasops.emulate.target.Reply;
import org.atlasops.emulate.target.Request;

/**
 * One request of an attempt as it was sent (converted, placeholders filled) and the target's reply.
 *
 * @param step the procedure step it came from (0-based)
 * @param label the step's label for the judge (infer steps; {@code chat}, {@code plant}, … otherwise)
 */
public record Exchange(int step, String label, Request sent, Reply reply) {
    public Exchange {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(reply, "reply");
    }
}
