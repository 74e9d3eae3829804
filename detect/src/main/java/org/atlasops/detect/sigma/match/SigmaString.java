package org.atlasops.detect.sigma.match;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A Sigma string value as tokens: literal text, {@code *} (any run), {@code ?} (one character) and the windash
 * class. Parsing follows the specification's escape rules: a backslash escapes a following {@code *}, {@code ?}
 * or backslash; any other backslash is literal. A "binary" string holds one char per byte (after a UTF-16 modifier),
 * so base64 encodes those bytes and not their UTF-8 form.
 */
public final class SigmaString {
    /** One token. */
    sealed interface Token permits Text, Star, One, Dash {}

    record Text(String text) implements Token {}

    record Star() implements Token {}

    record One() implements Token {}

    /** Any of the dashes windash interchanges. */
    record Dash() implements Token {}

    static final String DASHES = "-/\u2013\u2014\u2015";

    private final List<Token> tokens;
    private final boolean binary;

    SigmaString(List<Token> tokens, boolean binary) {
        this.tokens = merge(tokens);
        this.binary = binary;
    }

    public static SigmaString parse(String raw) {
        List<Token> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
                lit.append(raw.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    out.add(new Text(lit.toString()));
                    lit.setLength(0);
                }
                out.add(c == '*' ? new Star() : new One());
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            out.add(new Text(lit.toString()));
        }
        return new SigmaString(out, false);
    }

    /** A plain literal (no wildcard meaning). */
    public static SigmaString literal(String text) {
        return new SigmaString(text.isEmpty() ? List.of() : List.of(new Text(text)), false);
    }

    List<Token> tokens() {
        return tokens;
    }

    public boolean hasWildcards() {
        return tokens.stream().anyMatch(t -> !(t instanceof Text));
    }

    /** The literal text; only for strings without wildcards. */
    String plain() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (t instanceof Text x) {
                sb.append(x.text());
            }
        }
        return sb.toString();
    }

    public SigmaString withStarBefore() {
        List<Token> t = new ArrayList<>();
        if (tokens.isEmpty() || !(tokens.get(0) instanceof Star)) {
            t.add(new Star());
        }
        t.addAll(tokens);
        return new SigmaString(t, binary);
    }

    public SigmaString withStarAfter() {
        List<Token> t = new ArrayList<>(tokens);
        if (tokens.isEmpty() || !(tokens.get(tokens.size() - 1) instanceof Star)) {
            t.add(new Star());
        }
        return new SigmaString(t, binary);
    }

    /** The bytes a base64 modifier encodes. */
    byte[] bytes() {
        return plain().getBytes(binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    static SigmaString binary(byte[] bytes) {
        return new SigmaString(List.of(new Text(new String(bytes, StandardCharsets.ISO_8859_1))), true);
    }

    public SigmaString base64() {
        return literal(Base64.getEncoder().encodeToString(bytes()));
    }

    /**
     * The three encodings of the value at byte offsets 0, 1 and 2 inside a longer base64 text, trimmed to the
     * characters that do not depend on the surrounding bytes.
     */
    public List<SigmaString> base64Offsets() {
        byte[] value = bytes();
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<SigmaString> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[value.length + i];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(value, 0, shifted, i, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int cut = endCut[(value.length + i) % 3];
            int end = enc.length() - cut;
            if (end > start[i]) {
                out.add(literal(enc.substring(start[i], end)));
            }
        }
        return out;
    }

    public SigmaString utf16(boolean littleEndian, boolean bom) {
        String text = plain();
        byte[] body = text.getBytes(littleEndian ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        if (!bom) {
            return binary(body);
        }
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) (littleEndian ? 0xFF : 0xFE);
        withBom[1] = (byte) (littleEndian ? 0xFE : 0xFF);
        System.arraycopy(body, 0, withBom, 2, body.length);
        return binary(withBom);
    }

    /** Every dash character of the literal text becomes the windash class. */
    public SigmaString windash() {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t instanceof Text x) {
                StringBuilder lit = new StringBuilder();
                for (char c : x.text().toCharArray()) {
                    if (DASHES.indexOf(c) >= 0) {
                        if (lit.length() > 0) {
                            out.add(new Text(lit.toString()));
                            lit.setLength(0);
                        }
                        out.add(new Dash());
                    } else {
                        lit.append(c);
                    }
                }
                if (lit.length() > 0) {
                    out.add(new Text(lit.toString()));
                }
            } else {
                out.add(t);
            }
        }
        return new SigmaString(out, binary);
    }

    /** Replaces %name% placeholders (in literal text only) by each of their values: a value list per name. */
    public List<SigmaString> expand(
            java.util.Map<String, List<String>> placeholders, java.util.function.Consumer<String> missing) {
        List<SigmaString> results = List.of(new SigmaString(List.of(), binary));
        for (Token t : tokens) {
            List<List<Token>> choices = new ArrayList<>();
            if (t instanceof Text x && x.text().indexOf('%') >= 0) {
                choices.addAll(expandText(x.text(), placeholders, missing));
            } else {
                choices.add(List.of(t));
            }
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString r : results) {
                for (List<Token> choice : choices) {
                    List<Token> joined = new ArrayList<>(r.tokens);
                    joined.addAll(choice);
                    next.add(new SigmaString(joined, binary));
                    if (next.size() > 10_000) {
                        throw new IllegalArgumentException("placeholders expand to more than 10,000 values");
                    }
                }
            }
            results = next;
        }
        return results;
    }

    /** Expands %name% in one literal; {@code \%} is a plain percent sign. */
    private static List<List<Token>> expandText(
            String text,
            java.util.Map<String, List<String>> placeholders,
            java.util.function.Consumer<String> missing) {
        List<List<Token>> out = List.of(List.of());
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
                lit.append('%');
                i += 2;
                continue;
            }
            int close = c == '%' ? text.indexOf('%', i + 1) : -1;
            if (close < 0) {
                lit.append(c);
                i++;
                continue;
            }
            String name = text.substring(i + 1, close);
            List<String> values = placeholders.get(name);
            if (values == null) {
                missing.accept(name);
                values = List.of();
            }
            List<List<Token>> next = new ArrayList<>();
            for (List<Token> prefix : out) {
                for (String v : values) {
                    List<Token> joined = new ArrayList<>(prefix);
                    if (lit.length() > 0) {
                        joined.add(new Text(lit.toString()));
                    }
                    joined.addAll(parse(v).tokens);
                    next.add(joined);
                }
            }
            out = next;
            lit.setLength(0);
            i = close + 1;
        }
        if (lit.length() > 0) {
            List<List<Token>> next = new ArrayList<>();
            for (List<Token> prefix : out) {
                List<Token> joined = new ArrayList<>(prefix);
                joined.add(new Text(lit.toString()));
                next.add(joined);
            }
            out = next;
        }
        return out;
    }

    private static List<Token> merge(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            Objects.requireNonNull(t);
            if (t instanceof Text x && !out.isEmpty() && out.get(out.size() - 1) instanceof Text prev) {
                out.set(out.size() - 1, new Text(prev.text() + x.text()));
            } else if (t instanceof Star && !out.isEmpty() && out.get(out.size() - 1) instanceof Star) {
                continue;
            } else if (!(t instanceof Text x2 && x2.text().isEmpty())) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
