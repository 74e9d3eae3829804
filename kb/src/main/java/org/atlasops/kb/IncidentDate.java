package org.atlasops.kb;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/** A case study's date and how precise it is: a year, a month or a day. */
public record IncidentDate(LocalDate date, Granularity granularity) {
    public enum Granularity {
        YEAR,
        MONTH,
        DATE
    }

    public IncidentDate {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(granularity, "granularity");
    }

    /** The date at its precision: {@code 2020}, {@code 2020-03} or {@code 2020-03-14}. */
    @Override
    public String toString() {
        return switch (granularity) {
            case YEAR -> String.valueOf(date.getYear());
            case MONTH -> date.format(DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT));
            case DATE -> date.toString();
        };
    }
}
