package org.atlasops.kb.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The deterministic STIX IDs of the official ATLAS bundle: UUIDv5 in the namespace whose bytes spell
 * {@code atlas.mitre.org.} (61746c61-732e-6d69-7472-652e6f72672e), named by the ATLAS ID.
 */
public final class StixIds {
    public static final UUID NAMESPACE = UUID.fromString("61746c61-732e-6d69-7472-652e6f72672e");

    private StixIds() {}

    /** {@code type--uuid5(NAMESPACE, name)}. */
    public static String id(String type, String name) {
        return type + "--" + uuid5(NAMESPACE, name);
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1). */
    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
