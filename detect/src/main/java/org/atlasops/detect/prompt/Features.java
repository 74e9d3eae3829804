package org.atlasops.detect.prompt;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Text to a sparse, L2-normalised feature vector: hashed word unigrams and bigrams, character 3- to 5-grams of the
 * normalised text (NFKC, lower case, runs of spaces collapsed), and one feature per {@link AttackCues.Cue}.
 */
final class Features {
    static final int BITS = 17;
    static final int CHAR_MIN = 3;
    static final int CHAR_MAX = 5;
    static final int DIM = 1 << BITS;
    /** Signal features sit in the last slots, apart from hashed ones. */
    static final int SIGNAL_BASE = DIM - 64;

    private static final int SUMMARY = DIM / 64;

    /** log(1 + n) for the small counts that make up nearly every feature value. */
    private static final float[] LOG1P = new float[1024];

    static {
        for (int n = 0; n < LOG1P.length; n++) {
            LOG1P[n] = (float) StrictMath.log1p(n);
        }
    }

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[DIM]);
    /**
     * The buckets touched, one bit each, and after them one bit per word of those that is not zero: read in order,
     * they give the sorted indices without a sort, and without reading the untouched words.
     */
    private static final ThreadLocal<long[]> TOUCHED = ThreadLocal.withInitial(() -> new long[DIM / 64 + DIM / 4096]);

    final int[] index;
    final float[] value;

    private Features(int[] index, float[] value) {
        this.index = index;
        this.value = value;
    }

    static String normalize(String text) {
        return collapseSpaces(nfkc(text).toLowerCase(Locale.ROOT));
    }

    /** NFKC, skipped for plain ASCII, which it leaves as it is. */
    static String nfkc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return Normalizer.normalize(text, Normalizer.Form.NFKC);
            }
        }
        return text;
    }

    /** Runs of whitespace to one space, trimmed (what {@code replaceAll("\\s+", " ").strip()} does, faster). */
    private static String collapseSpaces(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return Character.isWhitespace(b.length() > 0 ? b.charAt(b.length() - 1) : 'x')
                ? b.toString().strip()
                : b.toString();
    }

    static Features of(String text) {
        return of(text, AttackCues.find(text));
    }

    static Features of(String text, List<AttackCues.Hit> cues) {
        // a disguised text is read twice: as written and as decoded, so the n-grams of a plain attack also count
        // for its ROT-n, reversed or spelled-out form
        String n = Obfuscation.reveal(text)
                .map(r -> normalize(text) + " " + normalize(r.text()))
                .orElseGet(() -> normalize(text));
        int[] idx = new int[Math.max(16, n.length() * 4 + 64)];
        int k = 0;
        // words are runs of letters and digits; a bigram's hash is that of "previous word" + " " + word, composed
        int prevHash = "^".hashCode();
        int pos = 0;
        while (pos < n.length()) {
            int cp = n.codePointAt(pos);
            if (!Character.isLetterOrDigit(cp)) {
                pos += Character.charCount(cp);
                continue;
            }
            int start = pos;
            while (pos < n.length() && Character.isLetterOrDigit(cp = n.codePointAt(pos))) {
                pos += Character.charCount(cp);
            }
            int wordHash = hashOf(n, start, pos - start);
            int pow = 1;
            for (int c = 0; c < pos - start + 1; c++) {
                pow *= 31;
            }
            idx[k++] = bucket(1, wordHash);
            idx[k++] = bucket(2, prevHash * pow + ' ' * (pow / 31) + wordHash);
            prevHash = wordHash;
            if (k + 8 >= idx.length) {
                idx = Arrays.copyOf(idx, idx.length * 2);
            }
        }
        String padded = " " + n + " ";
        for (int len = CHAR_MIN; len <= CHAR_MAX; len++) {
            for (int i = 0; i + len <= padded.length(); i++) {
                if (k >= idx.length) {
                    idx = Arrays.copyOf(idx, idx.length * 2);
                }
                idx[k++] = bucket(2 + len, hashOf(padded, i, len));
            }
        }
        for (AttackCues.Hit h : cues) {
            if (k >= idx.length) {
                idx = Arrays.copyOf(idx, idx.length * 2);
            }
            idx[k++] = SIGNAL_BASE + h.cue().ordinal();
        }
        // counts per bucket (dense scratch, then only the touched buckets, sorted), then L2 normalisation; cue
        // features count 4 each so a few n-grams cannot drown them
        float[] counts = SCRATCH.get();
        long[] touched = TOUCHED.get();
        int distinct = 0;
        for (int i = 0; i < k; i++) {
            int b = idx[i];
            if (counts[b] == 0) {
                distinct++;
                touched[b >>> 6] |= 1L << b;
                touched[SUMMARY + (b >>> 12)] |= 1L << (b >>> 6);
            }
            counts[b] += b >= SIGNAL_BASE ? 4f : 1f;
        }
        int[] outIdx = new int[distinct];
        float[] outVal = new float[distinct];
        int next = 0;
        for (int s = 0; s < DIM / 4096; s++) {
            for (long words = touched[SUMMARY + s]; words != 0; words &= words - 1) {
                int w = (s << 6) + Long.numberOfTrailingZeros(words);
                for (long bits = touched[w]; bits != 0; bits &= bits - 1) {
                    int b = (w << 6) + Long.numberOfTrailingZeros(bits);
                    outIdx[next] = b;
                    outVal[next++] = counts[b];
                    counts[b] = 0;
                }
                touched[w] = 0;
            }
            touched[SUMMARY + s] = 0;
        }
        double norm = 0;
        for (int i = 0; i < distinct; i++) {
            int count = (int) outVal[i];
            outVal[i] = count < LOG1P.length ? LOG1P[count] : (float) StrictMath.log1p(count);
            norm += outVal[i] * outVal[i];
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < distinct; i++) {
            outVal[i] *= inv;
        }
        return new Features(outIdx, outVal);
    }

    /** {@code s.substring(i, i + len).hashCode()} without making the substring. */
    private static int hashOf(String s, int i, int len) {
        int h = 0;
        for (int k = i; k < i + len; k++) {
            h = 31 * h + s.charAt(k);
        }
        return h;
    }

    private static int bucket(int kind, int hash) {
        int h = hash * 0x9E3779B1 + kind * 0x85EBCA6B;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        return (h & 0x7fffffff) % SIGNAL_BASE;
    }
}
