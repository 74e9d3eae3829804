package org.atlasops.detect.canary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds canary tokens in text. Each token is looked for in five forms of the text: letters and digits only, lower
 * case (finds spaced-out, split-across-lines and case-changed copies), and that reversed; plus the bytes of every
 * base64 or hex run in the text, decoded and normalized the same way. {@link Stream} does the same over output that
 * arrives in chunks.
 */
public final class CanaryScanner {
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-][A-Za-z0-9+/_\\-\\s]{22,}={0,2}");
    private static final Pattern HEX_RUN = Pattern.compile("(?:[0-9a-fA-F]{2}[\\s:]?){24,}");

    /** A token found, and how it was written. */
    public record Hit(Canary canary, String encoding) {}

    private final List<Canary> canaries;

    public CanaryScanner(List<Canary> canaries) {
        this.canaries = List.copyOf(canaries);
    }

    public List<Canary> canaries() {
        return canaries;
    }

    /** Every canary in the text, once each, with the first encoding it was found in. */
    public List<Hit> scan(String text) {
        List<Hit> hits = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String plain = normalize(text);
        String reversed = new StringBuilder(plain).reverse().toString();
        List<String> decoded = decodedRuns(text);
        for (Canary c : canaries) {
            String t = c.normalized();
            String how = plain.contains(t) ? "plain" : reversed.contains(t) ? "reversed" : null;
            if (how == null) {
                for (String d : decoded) {
                    String n = normalize(d.substring(2));
                    if (n.contains(t)
                            || new StringBuilder(n).reverse().toString().contains(t)) {
                        how = d.startsWith("b:") ? "base64" : "hex";
                        break;
                    }
                }
            }
            if (how != null && seen.add(c.token())) {
                hits.add(new Hit(c, how));
            }
        }
        return hits;
    }

    /** Letters and digits only, lower case: spacing, punctuation, line breaks and case do not hide a token. */
    static String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 ? Character.isLetterOrDigit(c) : Character.isLetterOrDigit(c) && c < 0x250) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** Base64 and hex runs of the text, decoded ("b:" or "h:" in front), at each byte alignment for base64. */
    private static List<String> decodedRuns(String text) {
        List<String> out = new ArrayList<>();
        Matcher b = BASE64_RUN.matcher(text);
        while (b.find()) {
            String run = b.group().replaceAll("\\s", "").replace('-', '+').replace('_', '/');
            for (int shift = 0; shift < 4 && run.length() - shift >= 8; shift++) {
                String part = run.substring(shift).replace("=", "");
                // complete the last group with padding rather than dropping the bytes it holds
                part = switch (part.length() % 4) {
                    case 1 -> part.substring(0, part.length() - 1);
                    case 2 -> part + "==";
                    case 3 -> part + "=";
                    default -> part;
                };
                try {
                    out.add("b:" + new String(Base64.getDecoder().decode(part), StandardCharsets.ISO_8859_1));
                } catch (IllegalArgumentException e) {
                    // not base64 after all
                }
            }
        }
        Matcher h = HEX_RUN.matcher(text);
        while (h.find()) {
            String hex = h.group().replaceAll("[\\s:]", "");
            try {
                out.add("h:"
                        + new String(
                                HexFormat.of().parseHex(hex.substring(0, hex.length() & ~1)),
                                StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                // odd run
            }
        }
        return out;
    }

    /**
     * Scanning output that arrives in chunks (a streamed model answer): each chunk is scanned together with the
     * tail of what came before, so a token split across chunks is found, and each token is reported once.
     */
    public final class Stream {
        /** Enough text to hold a token in its longest form (hex with separators) across a chunk boundary. */
        private static final int TAIL = 512;

        private final StringBuilder tail = new StringBuilder();
        private final Set<String> reported = new LinkedHashSet<>();

        public List<Hit> accept(String chunk) {
            tail.append(chunk);
            List<Hit> fresh = new ArrayList<>();
            for (Hit h : scan(tail.toString())) {
                if (reported.add(h.canary().token())) {
                    fresh.add(h);
                }
            }
            if (tail.length() > TAIL) {
                tail.delete(0, tail.length() - TAIL);
            }
            return fresh;
        }
    }

    public Stream stream() {
        return new Stream();
    }
}
