package org.atlasops.intel.taxii;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The {@code next} token: the position (date added, ID, version) of the last object of a page. The server keeps no
 * session; the next page is whatever sorts after this position under the same filter, so ties on date added are
 * broken by ID and version and no object is skipped or repeated.
 */
record Cursor(Instant dateAdded, String id, Instant version) {
    private static final String PREFIX = "c1|";

    static Cursor after(ObjectVersion v) {
        return new Cursor(v.dateAdded(), v.id(), v.version());
    }

    String encode() {
        String raw = PREFIX + dateAdded.getEpochSecond() + "." + dateAdded.getNano() + "|" + id + "|"
                + version.getEpochSecond() + "." + version.getNano();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            String[] p = raw.split("\\|");
            if (p.length != 4 || !raw.startsWith(PREFIX) || !p[2].matches("[a-z0-9-]+--[0-9a-fA-F-]{36}")) {
                throw new IllegalArgumentException(raw);
            }
            return new Cursor(instant(p[1]), p[2], instant(p[3]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw TaxiiException.badRequest(
                    "next value '" + token + "' is not one this server gave out; start again " + "without 'next'");
        }
    }

    private static Instant instant(String s) {
        String[] p = s.split("\\.");
        if (p.length != 2) {
            throw new IllegalArgumentException(s);
        }
        return Instant.ofEpochSecond(Long.parseLong(p[0]), Long.parseLong(p[1]));
    }

    boolean before(ObjectVersion v) {
        return ObjectVersion.compare(
                        new ObjectVersion(id, id.substring(0, id.indexOf("--")), version, "2.1", dateAdded, "{}"), v)
                < 0;
    }
}
