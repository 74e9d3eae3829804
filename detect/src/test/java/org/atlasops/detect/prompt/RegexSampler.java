package org.atlasops.detect.prompt;

import java.util.Random;
import java.util.regex.Pattern;

/**
 * Random texts from a regular expression's own parts (the subset the cues use): each alternation picks a branch,
 * each quantifier a count, each class or dot a character that fits. Lookarounds and {@code \b} are not honoured, so
 * a sample is only likely to match; callers check with the pattern itself.
 */
final class RegexSampler {
    /** Characters that classes and dots are filled from: ASCII, accented and CJK letters, invisible controls. */
    static final int[] POOL = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?'\"-_/()[]{}<>|#="
                    + "&%@*+~\\\t\néüßçñ中文指令無視잊어ИНСТРУКЦИ🔒🔓\u200B\u200D\u202E\u2062\u2067\uFF41\uFF29")
            .codePoints()
            .toArray();

    private static final int[] TAGS = {0xE0041, 0xE0069, 0xE007F};

    private final String re;
    private final Random random;
    private int pos;

    private RegexSampler(String re, Random random) {
        this.re = re;
        this.random = random;
    }

    static String sample(String regex, Random random) {
        RegexSampler s = new RegexSampler(regex, random);
        StringBuilder out = new StringBuilder();
        s.alternation(out, true);
        return out.toString();
    }

    /** Parses an alternation; appends one randomly chosen branch when {@code emit}. */
    private void alternation(StringBuilder out, boolean emit) {
        int branches = countBranches();
        int chosen = random.nextInt(branches);
        for (int b = 0; b < branches; b++) {
            sequence(out, emit && b == chosen);
            if (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
            }
        }
    }

    /** The branches of the alternation starting at {@link #pos}, counted without moving. */
    private int countBranches() {
        int depth = 0;
        int count = 1;
        boolean inClass = false;
        for (int i = pos; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth-- == 0) {
                    break;
                }
            } else if (c == '|' && depth == 0) {
                count++;
            }
        }
        return count;
    }

    private void sequence(StringBuilder out, boolean emit) {
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            int atomStart = pos;
            atom(new StringBuilder(), false); // find where the atom ends
            int atomEnd = pos;
            int[] bounds = quantifier();
            int after = pos;
            int times = bounds[0] + random.nextInt(Math.min(bounds[1], bounds[0] + 3) - bounds[0] + 1);
            for (int t = 0; t < times; t++) {
                pos = atomStart;
                atom(out, emit);
            }
            if (times == 0) {
                pos = atomEnd;
            }
            pos = after;
        }
    }

    private void atom(StringBuilder out, boolean emit) {
        char c = re.charAt(pos);
        if (c == '(') {
            pos++;
            boolean zeroWidth = false;
            if (re.startsWith("?:", pos)) {
                pos += 2;
            } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                pos += 2;
                zeroWidth = true;
            } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                pos += 3;
                zeroWidth = true;
            }
            alternation(out, emit && !zeroWidth);
            pos++; // ')'
        } else if (c == '[') {
            int start = pos;
            pos++;
            if (re.charAt(pos) == '^') {
                pos++;
            }
            if (re.charAt(pos) == ']') {
                pos++;
            }
            while (re.charAt(pos) != ']') {
                pos += re.charAt(pos) == '\\' ? 2 : 1;
            }
            pos++;
            if (emit) {
                out.appendCodePoint(fitting(Pattern.compile(re.substring(start, pos))));
            }
        } else if (c == '\\') {
            pos++;
            char e = re.charAt(pos++);
            String s;
            if (e == 'b' || e == 'B') {
                s = "";
            } else if (e == 's') {
                s = random.nextInt(4) == 0 ? "\n" : " ";
            } else if (e == 'w') {
                s = String.valueOf((char) ('a' + random.nextInt(26)));
            } else if (e == 'd') {
                s = String.valueOf((char) ('0' + random.nextInt(10)));
            } else if (e == 'x') {
                int close = re.indexOf('}', pos);
                s = new String(Character.toChars(Integer.parseInt(re.substring(pos + 1, close), 16)));
                pos = close + 1;
            } else if (e == 'u') {
                s = String.valueOf((char) Integer.parseInt(re.substring(pos, pos + 4), 16));
                pos += 4;
            } else if (e == 'n') {
                s = "\n";
            } else {
                s = String.valueOf(e);
            }
            if (emit) {
                out.append(s);
            }
        } else if (c == '^' || c == '$') {
            pos++;
        } else if (c == '.') {
            pos++;
            if (emit) {
                // often a space, so words either side stay words (\\b)
                out.appendCodePoint(random.nextBoolean() ? ' ' : fitting(Pattern.compile(".")));
            }
        } else {
            pos++;
            if (emit) {
                out.append(c);
            }
        }
    }

    /** A character from the pool (or a tag character) that the one-character pattern matches. */
    private int fitting(Pattern one) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int cp = random.nextInt(8) == 0 ? TAGS[random.nextInt(TAGS.length)] : POOL[random.nextInt(POOL.length)];
            if (one.matcher(new String(Character.toChars(cp))).matches()) {
                return cp;
            }
        }
        return 'x';
    }

    /** {min, max} of the quantifier at {@link #pos} (max capped for sampling), reading past it. */
    private int[] quantifier() {
        if (pos >= re.length()) {
            return new int[] {1, 1};
        }
        char c = re.charAt(pos);
        int[] q;
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            q = new int[] {c == '+' ? 1 : 0, c == '?' ? 1 : 4};
        } else if (c == '{') {
            int close = re.indexOf('}', pos);
            String[] b = re.substring(pos + 1, close).split(",", -1);
            int min = Integer.parseInt(b[0]);
            q = new int[] {min, b.length == 1 ? min : b[1].isEmpty() ? min + 4 : Integer.parseInt(b[1])};
            pos = close + 1;
        } else {
            return new int[] {1, 1};
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++;
        }
        return q;
    }
}
