package org.atlasops.detect.sigma;

import org.atlasops.kb.failure.BadInputException;

/** A Sigma file, rule or value that cannot be used; the message starts with {@code file:line:}. */
public class SigmaException extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    public SigmaException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without the {@code file:line:} prefix. */
    public String problem() {
        String m = getMessage();
        String prefix = file + ":" + line + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
