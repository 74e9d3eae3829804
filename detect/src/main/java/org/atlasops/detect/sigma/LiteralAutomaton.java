package org.atlasops.detect.sigma;

/**
 * The prompt detector's word finder, until it has its own: a thin front to the rule engine's automaton (which
 * lives in {@code sigma.accel}, where only the engine may use it). Add every literal, build once, then scan from
 * any thread. Delete this class once {@code detect.prompt.AttackCues} no longer imports it.
 *
 * @deprecated temporary; the rule engine's automaton is not a public API
 */
@Deprecated(forRemoval = true)
public final class LiteralAutomaton {
    private final org.atlasops.detect.sigma.accel.LiteralAutomaton.Builder builder =
            new org.atlasops.detect.sigma.accel.LiteralAutomaton.Builder();
    private volatile org.atlasops.detect.sigma.accel.LiteralAutomaton built;

    /** The id of a literal (compared ignoring case), registering it; only before {@link #build}. */
    public int add(String literal) {
        if (built != null) {
            throw new IllegalStateException("the automaton is built; add literals before build()");
        }
        return builder.add(literal);
    }

    /** Builds the automaton from the registered literals; call once, after every add. */
    public void build() {
        built = builder.build();
    }

    /** The literals found in a text, as a bit set over literal ids. */
    public long[] scan(String text) {
        org.atlasops.detect.sigma.accel.LiteralAutomaton a = built;
        if (a == null) {
            throw new IllegalStateException("build() the automaton before scanning");
        }
        return a.scan(text);
    }

    /** True when the bit set of a scan holds the literal. */
    public static boolean has(long[] found, int literalId) {
        return org.atlasops.detect.sigma.accel.LiteralAutomaton.has(found, literalId);
    }
}
