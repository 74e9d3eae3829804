package org.atlasops.detect.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stable alert ids: the first 128 bits, in hex, of a SHA-256 over what makes an alert the one it is. The same input
 * scanned again (or a stream's record processed again after a restart) gives the same id, so a SIEM can drop or
 * recognise a repeat. What goes in:
 * <ul>
 *   <li>kind, and the rule id (else the rule title)
 *   <li>every source's file and line (for a stream: {@code topic-partition} and offset + 1)
 *   <li>the time, only when no source has a line (an event made in memory), since a line identifies its event and
 *       an event without a time field is given the wall clock
 *   <li>a correlation's group key and the matched fields (name and value), sorted, so two alerts of one rule on one
 *       event (the prompt detector on two message parts) differ
 * </ul>
 */
public final class AlertIds {
    private AlertIds() {}

    static String of(
            String kind,
            String rule,
            List<Alert.Source> sources,
            Instant time,
            Map<String, String> groupKey,
            Map<String, String> matchedFields) {
        StringBuilder s = new StringBuilder(kind).append('\u0000').append(rule);
        boolean located = false;
        for (Alert.Source src : sources) {
            s.append('\u0000').append(src.file()).append(':').append(src.line());
            located |= src.line() > 0;
        }
        if (!located) {
            s.append('\u0000').append(time.toEpochMilli());
        }
        s.append('\u0000').append(new TreeMap<>(groupKey));
        s.append('\u0000').append(new TreeMap<>(matchedFields));
        return hash(s.toString());
    }

    /** An id over parts given in order (grouped and summary alerts). */
    public static String of(List<String> parts) {
        return hash(String.join("\u0000", parts));
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
