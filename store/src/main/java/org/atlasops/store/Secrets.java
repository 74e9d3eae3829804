package org.atlasops.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Random secrets, their SHA-256 fingerprints, and salted PBKDF2 password hashes (OWASP: 600,000 iterations). */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 600_000;
    private static final String PBKDF2 = "PBKDF2WithHmacSHA256";
    private static final AtomicLong HASHES = new AtomicLong();

    private Secrets() {}

    /** 256 random bits, URL-safe. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Secrets are random and long, so an unsalted fast hash is enough to keep them useless if the table leaks. */
    static String fingerprint(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String hashPassword(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + HexFormat.of().formatHex(salt) + "$"
                + HexFormat.of().formatHex(pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from. The hash runs whatever the input: for a user
     * who is unknown or never set a password ({@code stored} empty), and for a missing password, a hash of the same
     * cost is computed against a stand-in, so the time taken does not tell which names exist.
     */
    static boolean passwordMatches(String password, Optional<String> stored) {
        String[] parts = stored.map(h -> h.split("\\$")).orElse(new String[0]);
        boolean usable = parts.length == 4 && parts[0].equals("pbkdf2-sha256");
        String[] checked = usable ? parts : StandIn.PARTS;
        byte[] expected = HexFormat.of().parseHex(checked[3]);
        byte[] actual = pbkdf2(
                password == null ? "" : password, HexFormat.of().parseHex(checked[2]), Integer.parseInt(checked[1]));
        return usable && password != null && MessageDigest.isEqual(expected, actual);
    }

    /** How many password hashes this JVM has computed: lets tests see that the work is done for every sign-in. */
    static long passwordHashesComputed() {
        return HASHES.get();
    }

    /** A hash of a random password, made on first use, to check against when there is nothing to check against. */
    private static final class StandIn {
        static final String[] PARTS = hashPassword(newSecret()).split("\\$");
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        HASHES.incrementAndGet();
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(PBKDF2 + " is missing from this JVM", e);
        }
    }
}
