package org.atlasops.detect.event;

import java.time.Instant;

/**
 * Reads the timestamps telemetry almost always carries, {@code 2026-05-01T10:00:00.123Z} and its kin, without
 * {@code java.time}'s formatter: parsing one with {@code OffsetDateTime.parse} costs about 1 µs, as much as reading
 * the whole event. It accepts exactly what {@link Event#parseTime} would read through {@code java.time} for these
 * shapes, and answers null for anything else, which then goes the slow way:
 * <ul>
 * <li>a date {@code yyyy-MM-dd}, then {@code T} (either case) and a time {@code HH:mm}, {@code HH:mm:ss} or
 * {@code HH:mm:ss.f} (one to nine digits), then {@code Z} (either case) or an offset {@code ±HH:mm};</li>
 * <li>the same without an offset (taken as UTC), where a space may also separate date and time.</li>
 * </ul>
 */
final class IsoTime {
    private IsoTime() {}

    /** The instant, or null when the text is not in one of the shapes above or names no valid date and time. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        char separator = s.charAt(10);
        if ((year | month | day | hour | minute) < 0 || separator != 'T' && separator != 't' && separator != ' ') {
            return null;
        }
        int at = 16;
        int second = 0;
        int nanos = 0;
        if (at < n && s.charAt(at) == ':') {
            second = digits(s, at + 1, 2);
            if (second < 0) {
                return null;
            }
            at += 3;
            if (at < n && s.charAt(at) == '.') {
                int from = ++at;
                while (at < n && at - from < 10 && isDigit(s.charAt(at))) {
                    at++;
                }
                int count = at - from;
                if (count == 0 || count > 9) {
                    return null;
                }
                nanos = digits(s, from, count);
                for (int i = count; i < 9; i++) {
                    nanos *= 10;
                }
            }
        }
        int offsetSeconds = 0;
        if (at < n) {
            char c = s.charAt(at);
            if (separator == ' ') {
                return null; // java.time reads a space only in times without an offset
            }
            if ((c == 'Z' || c == 'z') && at + 1 == n) {
                offsetSeconds = 0;
            } else if ((c == '+' || c == '-') && at + 6 == n && s.charAt(at + 3) == ':') {
                int oh = digits(s, at + 1, 2);
                int om = digits(s, at + 4, 2);
                if (oh < 0 || om < 0 || oh > 17 || om > 59) {
                    return null;
                }
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return null;
            }
        }
        if (month < 1
                || month > 12
                || day < 1
                || day > lengthOfMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        long seconds = daysSinceEpoch(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is missing or not a digit. */
    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (years 0 to 9999 here). */
    private static long daysSinceEpoch(int year, int month, int day) {
        // counted from March, so that the leap day ends a year: the classic civil-to-days conversion
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
