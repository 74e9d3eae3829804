package org.atlasops.navigator.combine;

import org.atlasops.navigator.LayerException;

/** A score expression that cannot be parsed or evaluated; the message points at the character. */
public final class ExpressionException extends LayerException {
    private static final long serialVersionUID = 1L;
    private final int position;

    ExpressionException(String expression, int position, String problem) {
        super("expression error at character " + (position + 1) + ": " + problem + "\n  " + expression + "\n  "
                + " ".repeat(Math.max(0, Math.min(position, expression.length()))) + "^");
        this.position = position;
    }

    /** 0-based index of the offending character. */
    public int position() {
        return position;
    }
}
