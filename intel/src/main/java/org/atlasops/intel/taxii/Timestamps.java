package org.atlasops.intel.taxii;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** STIX and TAXII timestamps: RFC 3339 in UTC; written with microseconds, as TAXII recommends for date_added. */
public final class Timestamps {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private Timestamps() {}

    /** The instant of an RFC 3339 timestamp; empty when the text is not one. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code 2026-12-03T14:00:00.123456Z}: microseconds, what the stores keep. */
    public static String format(Instant t) {
        return MICROS.format(t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }
}
