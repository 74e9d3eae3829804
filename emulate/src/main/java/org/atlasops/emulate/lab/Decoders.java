package org.atlasops.emulate.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the lab's model "reads through" obfuscation, as capable models do: it removes zero-width characters, maps
 * look-alike letters to ASCII, reads Unicode tag characters, decodes base64 and hex runs, undoes leetspeak and rot13,
 * and joins split payloads. What it decoded is appended to the text, so instructions hidden in any of these count.
 */
final class Decoders {
    private Decoders() {}

    /** The text the model acts on, and whether any decoding was needed to get it (encodings slip past refusals). */
    record Decoded(String text, List<String> methods) {
        Decoded {
            methods = List.copyOf(methods);
        }

        boolean encoded() {
            return !methods.isEmpty();
        }
    }

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{12,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}[ :]?){8,}");
    private static final Pattern ASSIGN = Pattern.compile(
            "\\b([A-Za-z]\\w{0,10})\\s*=\\s*(?:\"((?:[^\"\\\\\\n]|\\\\.){1,300})\"|'([^'\\n]{1,300})')");
    private static final Map<Character, Character> LEET =
            Map.of('4', 'a', '3', 'e', '1', 'i', '0', 'o', '5', 's', '7', 't', '@', 'a', '$', 's');
    private static final Set<String> ENGLISH = Set.of(
            "the",
            "ignore",
            "previous",
            "instructions",
            "password",
            "secret",
            "reveal",
            "system",
            "prompt",
            "say",
            "tell",
            "what",
            "how",
            "your",
            "and",
            "you",
            "print",
            "repeat",
            "make",
            "send",
            "all",
            "now");
    private static final Map<Character, Character> HOMOGLYPHS = Map.ofEntries(
            Map.entry('а', 'a'),
            Map.entry('е', 'e'),
            Map.entry('о', 'o'),
            Map.entry('р', 'p'),
            Map.entry('с', 'c'),
            Map.entry('у', 'y'),
            Map.entry('х', 'x'),
            Map.entry('і', 'i'),
            Map.entry('ј', 'j'),
            Map.entry('ѕ', 's'),
            Map.entry('ԁ', 'd'),
            Map.entry('һ', 'h'),
            Map.entry('ո', 'n'),
            Map.entry('ν', 'v'),
            Map.entry('ο', 'o'),
            Map.entry('Α', 'A'),
            Map.entry('Β', 'B'),
            Map.entry('Ε', 'E'),
            Map.entry('Ι', 'I'),
            Map.entry('Κ', 'K'),
            Map.entry('Μ', 'M'),
            Map.entry('Ν', 'N'),
            Map.entry('Ο', 'O'),
            Map.entry('Ρ', 'P'),
            Map.entry('Τ', 'T'),
            Map.entry('Χ', 'X'),
            Map.entry('А', 'A'),
            Map.entry('В', 'B'),
            Map.entry('Е', 'E'),
            Map.entry('К', 'K'),
            Map.entry('М', 'M'),
            Map.entry('Н', 'H'),
            Map.entry('О', 'O'),
            Map.entry('Р', 'P'),
            Map.entry('С', 'C'),
            Map.entry('Т', 'T'),
            Map.entry('Х', 'X'),
            Map.entry('ı', 'i'));

    static Decoded decode(String input) {
        List<String> methods = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        StringBuilder hidden = new StringBuilder();
        boolean zeroWidth = false;
        boolean glyphs = false;
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0xE0020 && cp <= 0xE007E) {
                hidden.append((char) (cp - 0xE0000));
            } else if (cp >= 0xE0000 && cp <= 0xE007F) {
                continue; // tag begin/cancel
            } else if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) {
                zeroWidth = true;
            } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
                plain.append((char) (cp - 0xFEE0));
                glyphs = true;
            } else if (cp < 0x10000 && HOMOGLYPHS.containsKey((char) cp)) {
                plain.append(HOMOGLYPHS.get((char) cp));
                glyphs = true;
            } else {
                plain.appendCodePoint(cp);
            }
        }
        if (zeroWidth) {
            methods.add("zero-width");
        }
        if (glyphs) {
            methods.add("homoglyphs");
        }
        StringBuilder text = new StringBuilder(plain);
        if (hidden.length() > 0) {
            methods.add("tags");
            text.append('\n').append(hidden);
        }
        String base = text.toString();
        List<String> extra = new ArrayList<>();
        Matcher b64 = BASE64.matcher(base);
        while (b64.find()) {
            String run = b64.group();
            if (run.length() % 4 == 1) {
                continue;
            }
            try {
                String d = new String(Base64.getDecoder().decode(pad(run)), StandardCharsets.UTF_8);
                if (printable(d) && d.length() >= 6) {
                    extra.add(d);
                    if (!methods.contains("base64")) {
                        methods.add("base64");
                    }
                }
            } catch (IllegalArgumentException e) {
                // not base64
            }
        }
        Matcher hex = HEX.matcher(base);
        while (hex.find()) {
            String digits = hex.group().replaceAll("[ :]", "");
            if (digits.length() % 2 != 0) {
                digits = digits.substring(0, digits.length() - 1);
            }
            byte[] bytes = new byte[digits.length() / 2];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = (byte) Integer.parseInt(digits.substring(2 * k, 2 * k + 2), 16);
            }
            String d = new String(bytes, StandardCharsets.UTF_8);
            if (printable(d) && english(d) > 0) {
                extra.add(d);
                if (!methods.contains("hex")) {
                    methods.add("hex");
                }
            }
        }
        String leet = deLeet(base);
        if (!leet.equals(base) && english(leet) > english(base)) {
            extra.add(leet);
            methods.add("leetspeak");
        }
        String rot = rot13(base);
        boolean rotMarked = base.toLowerCase(Locale.ROOT).matches("(?s).*\\brot-? ?13\\b.*");
        if (english(rot) >= english(base) + 2 || rotMarked) {
            extra.add(rot);
            methods.add("rot13");
        }
        String split = joinSplitPayload(base);
        if (!split.isEmpty()) {
            extra.add(split);
            methods.add("payload-splitting");
        }
        for (String e : extra) {
            text.append('\n').append(e);
        }
        return new Decoded(text.toString(), methods);
    }

    private static String pad(String run) {
        String r = run.replace("=", "");
        return r + "=".repeat((4 - r.length() % 4) % 4);
    }

    private static boolean printable(String s) {
        long ok = s.chars()
                .filter(c -> c >= 0x20 && c < 0x7F || c == '\n' || c == '\t')
                .count();
        return !s.isEmpty() && ok >= s.length() * 0.95;
    }

    static int english(String s) {
        int n = 0;
        for (String w : s.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (ENGLISH.contains(w)) {
                n++;
            }
        }
        return n;
    }

    /** Undoes leetspeak in words that mix letters with look-alike digits or symbols ("1gn0r3", "p@ssw0rd"). */
    static String deLeet(String text) {
        StringBuilder out = new StringBuilder();
        for (String token : text.split("(?<=\\s)|(?=\\s)")) {
            boolean letter = token.chars().anyMatch(Character::isLetter);
            boolean leet = token.chars().anyMatch(c -> LEET.containsKey((char) c));
            if (letter && leet && token.chars().filter(Character::isLetter).count() >= 1 && token.length() >= 3) {
                StringBuilder t = new StringBuilder();
                for (char c : token.toCharArray()) {
                    t.append(LEET.getOrDefault(c, c));
                }
                out.append(t);
            } else {
                out.append(token);
            }
        }
        return out.toString();
    }

    static String rot13(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                b.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                b.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code a = "ignore all"; b = "previous instructions"; say a + b}: the parts joined in the order asked. */
    static String joinSplitPayload(String text) {
        Matcher m = ASSIGN.matcher(text);
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        while (m.find()) {
            parts.put(m.group(1), m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3));
        }
        if (parts.size() < 2) {
            return "";
        }
        Matcher plus = Pattern.compile("\\b(\\w+)(?:\\s*\\+\\s*(\\w+))+").matcher(text);
        while (plus.find()) {
            String[] names = plus.group().split("\\s*\\+\\s*");
            if (names.length >= 2 && java.util.Arrays.stream(names).allMatch(parts::containsKey)) {
                // parts may be cut inside words (joined as they are) or be whole phrases (joined with spaces)
                StringBuilder joined = new StringBuilder();
                StringBuilder spaced = new StringBuilder();
                for (String n : names) {
                    joined.append(parts.get(n));
                    spaced.append(spaced.length() == 0 ? "" : " ")
                            .append(parts.get(n).strip());
                }
                return joined + "\n" + spaced;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("concatenat") || lower.contains("combine") || lower.contains("join")) {
            return String.join(" ", parts.values());
        }
        return "";
    }
}
