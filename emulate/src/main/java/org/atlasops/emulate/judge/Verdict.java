package org.atlasops.emulate.judge;

import java.util.Locale;

/** What an attempt came to. There is no silent pass: anything the judge cannot decide is {@link #UNSCORABLE}. */
public enum Verdict {
    /** The attack worked (the target failed the test). */
    SUCCEEDED,
    /** The attack did not work. */
    FAILED,
    /** Errors, blocks, timeouts, garbage or empty answers: no verdict either way. */
    UNSCORABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
