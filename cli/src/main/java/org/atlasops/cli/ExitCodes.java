package org.atlasops.cli;

/** The exit codes every command uses. */
public final class ExitCodes {
    /** Done, nothing to report. */
    public static final int OK = 0;
    /** Done, and the input has problems (validators and scanners). */
    public static final int FINDINGS = 1;
    /** Bad usage or bad input: the message says what to fix. */
    public static final int BAD_INPUT = 2;
    /** A bug in atlas-ops; {@code --verbose} shows the stack trace. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes() {}
}
