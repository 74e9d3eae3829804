package org.atlasops.detect.sigma.accel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;

/**
 * What the engine works out about one event while rule after rule is evaluated on it, so that each thing is worked
 * out once: the values at each field path, the literals of the rule set's automaton found in them, the scans of the
 * texts regexes test, and the literals of all the event's texts (for keywords). The detector makes one for each
 * event and drops it after; only the regex memos it is handed outlive the event, and they belong to the detector.
 * Used by one thread.
 */
public final class EvaluationContext {
    /** Texts this short are scanned in place when a field's literals are found; longer ones through {@link #scan}. */
    private static final int SHARED_SCAN_LENGTH = 24;

    private static final int FIRST_MEMO_SLOTS = 8;
    private static final int RECENT_SCANS = 8;

    private final Event event;
    private final LiteralAutomaton automaton;
    private final ShortTextMemo[] regexMemos;
    /**
     * Per field path looked up: the path, its values, the literals found in them and the plain-value literals
     * found in them (each null until asked). A small open-addressed table of quadruples keyed by the path's
     * identity (paths are interned), doubled when seven eighths full.
     */
    private Object[] memo;

    private int memoized;
    private long[] allLiterals;
    private long[] noLiterals;
    private long[] noValueLiterals;
    private List<String> scalarTexts;
    /** The last texts scanned (by identity) with their scans: rules test the same few values in turn. */
    private String[] scannedTexts;

    private long[][] scans;
    private int nextScan;

    /**
     * @param automaton the automaton the rules were compiled with (their literal ids are its ids)
     * @param regexMemos one memo per regex memo slot of that automaton, or null for none
     */
    public EvaluationContext(Event event, LiteralAutomaton automaton, ShortTextMemo[] regexMemos) {
        this.event = Objects.requireNonNull(event, "event");
        this.automaton = Objects.requireNonNull(automaton, "automaton");
        if (regexMemos != null && regexMemos.length != automaton.memoSlots()) {
            throw new IllegalArgumentException("the memos are not the automaton's (" + regexMemos.length + " for "
                    + automaton.memoSlots() + " slots)");
        }
        this.regexMemos = regexMemos;
    }

    /** A context without literals or memos, for an event no rule set's literals are asked of. */
    public static EvaluationContext of(Event event) {
        return new EvaluationContext(event, LiteralAutomaton.EMPTY, null);
    }

    public Event event() {
        return event;
    }

    public LiteralAutomaton automaton() {
        return automaton;
    }

    /** The values at a field path (see {@link Event#values(FieldPath)}), looked up once per event. */
    @SuppressWarnings("unchecked")
    public List<JsonNode> values(FieldPath field) {
        int at = slot(field); // first: it makes the memo
        return (List<JsonNode>) memo[at + 1];
    }

    /** True when the field is present, even when its value is null or empty. */
    public boolean has(FieldPath field) {
        return event.has(field);
    }

    /** The literals in any value of a field, found once per event for all the rules that ask. */
    public long[] literalsIn(FieldPath field) {
        int at = slot(field);
        long[] found = (long[]) memo[at + 2];
        if (found != null) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<JsonNode> values = (List<JsonNode>) memo[at + 1];
        if (values.isEmpty()) {
            // most rule fields are absent from most events: one empty set for all of them
            if (noLiterals == null) {
                noLiterals = new long[automaton.words()];
            }
            found = noLiterals;
        } else {
            found = new long[automaton.words()];
            for (int i = 0, n = values.size(); i < n; i++) {
                JsonNode v = values.get(i);
                if (!v.isNull()) {
                    addLiterals(v.asText(), found);
                }
            }
        }
        memo[at + 2] = found;
        return found;
    }

    /**
     * The literals of the automaton's {@link LiteralAutomaton#values} in any value of a field, found once per event
     * for all the rules that ask. Only the fields plain-value rules read pay for this larger automaton.
     */
    public long[] valueLiteralsIn(FieldPath field) {
        int at = slot(field);
        long[] found = (long[]) memo[at + 3];
        if (found != null) {
            return found;
        }
        LiteralAutomaton values = automaton.values();
        @SuppressWarnings("unchecked")
        List<JsonNode> texts = (List<JsonNode>) memo[at + 1];
        if (texts.isEmpty()) {
            if (noValueLiterals == null) {
                noValueLiterals = new long[values.words()];
            }
            found = noValueLiterals;
        } else {
            found = new long[values.words()];
            for (int i = 0, n = texts.size(); i < n; i++) {
                JsonNode v = texts.get(i);
                if (!v.isNull()) {
                    values.scanInto(v.asText(), found);
                }
            }
        }
        memo[at + 3] = found;
        return found;
    }

    /** The literals in any scalar value of the event (numbers and booleans as written), for keyword rules. */
    public long[] literalsInAll() {
        if (allLiterals == null) {
            long[] found = new long[automaton.words()];
            event.forEachScalar(v -> addLiterals(v.asText(), found));
            allLiterals = found;
        }
        return allLiterals;
    }

    /** The text of every scalar value of the event, listed once. */
    public List<String> scalarTexts() {
        if (scalarTexts == null) {
            scalarTexts = event.allScalarTexts();
        }
        return scalarTexts;
    }

    /**
     * The literals in a text, scanned once per event for every regex that tests it (remembered by identity for the
     * last few texts). The result is the context's: read it, do not change it.
     */
    public long[] scan(String text) {
        if (scannedTexts == null) {
            scannedTexts = new String[RECENT_SCANS];
            scans = new long[RECENT_SCANS][];
        }
        for (int i = 0; i < RECENT_SCANS; i++) {
            if (scannedTexts[i] == text) {
                return scans[i];
            }
        }
        long[] found = automaton.scan(text);
        int slot = nextScan;
        nextScan = (slot + 1) % RECENT_SCANS;
        scannedTexts[slot] = text;
        scans[slot] = found;
        return found;
    }

    /** The memo of a regex's results on short texts, or null when this context has none. */
    public ShortTextMemo regexMemo(int slot) {
        if (regexMemos == null || slot < 0) {
            return null;
        }
        ShortTextMemo m = regexMemos[slot];
        if (m == null) {
            m = new ShortTextMemo();
            regexMemos[slot] = m;
        }
        return m;
    }

    private void addLiterals(String text, long[] found) {
        if (text.length() < SHARED_SCAN_LENGTH) {
            automaton.scanInto(text, found);
        } else {
            long[] one = scan(text);
            for (int w = 0; w < found.length; w++) {
                found[w] |= one[w];
            }
        }
    }

    /** Where a path's quadruple starts in the memo, its values looked up when new. */
    private int slot(FieldPath field) {
        Object[] m = memo;
        if (m == null) {
            m = memo = new Object[FIRST_MEMO_SLOTS * 4];
        }
        int mask = m.length / 4 - 1;
        for (int i = field.hashCode() & mask; ; i = (i + 1) & mask) {
            int at = i * 4;
            Object p = m[at];
            if (p == field) {
                return at;
            }
            if (p == null) {
                if ((memoized + 1) * 8 > (mask + 1) * 7) {
                    growMemo();
                    return slot(field);
                }
                m[at] = field;
                m[at + 1] = event.values(field);
                memoized++;
                return at;
            }
        }
    }

    private void growMemo() {
        Object[] old = memo;
        Object[] m = new Object[old.length * 2];
        int mask = m.length / 4 - 1;
        for (int from = 0; from < old.length; from += 4) {
            if (old[from] != null) {
                int i = old[from].hashCode() & mask;
                while (m[i * 4] != null) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, from, m, i * 4, 4);
            }
        }
        memo = m;
    }

    @Override
    public String toString() {
        return "evaluation of " + event;
    }
}
