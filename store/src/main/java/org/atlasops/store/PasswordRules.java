package org.atlasops.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.failure.BadInputException;

/**
 * What NIST SP 800-63B (section 3.1.1.2) asks a verifier to refuse in a new password: too short, one of the most
 * common passwords (the list beside this class, with its source in SOURCES.md), such a password padded with digits or
 * symbols, a repeat or run of characters ({@code aaaaaaaaaaaa}, {@code abcabcabcabc}, {@code 123456789012}), and
 * words of the context (the user's name, the product's). Nothing else: no composition rules, as NIST advises.
 */
final class PasswordRules {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final Set<String> COMMON = load();

    private PasswordRules() {}

    /** Throws a {@link BadInputException} that says which rule the password breaks and what to do instead. */
    static void check(String userName, String password) {
        refusal(userName, password).ifPresent(reason -> {
            throw new BadInputException("the password " + reason);
        });
    }

    /** Why the password is refused, as the end of a sentence that starts with "the password"; empty when accepted. */
    static Optional<String> refusal(String userName, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("is too short: use at least " + MIN_LENGTH + " characters (a few unrelated words "
                    + "make a long password that is easy to remember)");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || COMMON.contains(core(lower))) {
            return Optional.of("is one of the most common passwords, which attackers try first; choose another");
        }
        if (repeats(lower) || run(lower)) {
            return Optional.of("repeats a few characters or runs along the alphabet or the digits; choose "
                    + "something less predictable");
        }
        String name = userName == null ? "" : userName.toLowerCase(Locale.ROOT);
        String squeezed = lower.replaceAll("[^\\p{L}\\p{N}]", "");
        if ((name.length() >= 3 && lower.contains(name)) || squeezed.contains("atlasops")) {
            return Optional.of("contains the user name or the name of this service; choose something else");
        }
        return Optional.empty();
    }

    /** The password without the digits and symbols padded before and after it ({@code dragon!2024} is dragon). */
    private static String core(String lower) {
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetter(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(start, end);
    }

    /**
     * One unit said at least twice ({@code aaaa...}, {@code abcabc...}, {@code passwordpassword}), or three characters
     * or fewer in all ({@code abababbbaaab}).
     */
    private static boolean repeats(String s) {
        int[] cps = s.codePoints().toArray();
        for (int unit = 1; unit <= cps.length / 2; unit++) {
            boolean same = true;
            for (int i = unit; i < cps.length && same; i++) {
                same = cps[i] == cps[i - unit];
            }
            if (same) {
                return true;
            }
        }
        return distinct(cps) <= 3;
    }

    private static long distinct(int[] cps) {
        return java.util.Arrays.stream(cps).distinct().count();
    }

    /** Every character one up (or one down) from the one before: {@code abcdefghijkl}, {@code 123456789012}. */
    private static boolean run(String s) {
        int[] cps = s.codePoints().toArray();
        for (int step : new int[] {1, -1}) {
            boolean all = true;
            for (int i = 1; i < cps.length && all; i++) {
                int d = cps[i] - cps[i - 1];
                boolean digitWrap = Character.isDigit(cps[i]) && Character.isDigit(cps[i - 1]) && d == -9 * step;
                all = d == step || digitWrap;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing beside " + PasswordRules.class);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
