package org.atlasops.navigator;

import java.util.Locale;
import java.util.Optional;

/**
 * A colour as layers write it: {@code #rgb}, {@code #rgba}, {@code #rrggbb} or {@code #rrggbbaa} (the Navigator
 * writes gradient colours as hex8). Alpha is 0..255.
 */
public record RgbColor(int red, int green, int blue, int alpha) {
    public static final RgbColor WHITE = new RgbColor(255, 255, 255, 255);
    public static final RgbColor BLACK = new RgbColor(0, 0, 0, 255);

    public RgbColor {
        check(red, "red");
        check(green, "green");
        check(blue, "blue");
        check(alpha, "alpha");
    }

    private static void check(int v, String what) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(what + " must be 0..255, got " + v);
        }
    }

    /** Parses a hex colour; empty when the text is not one. */
    public static Optional<RgbColor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (!s.startsWith("#")) {
            return Optional.empty();
        }
        String h = s.substring(1);
        if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return switch (h.length()) {
            case 3, 4 ->
                Optional.of(
                        new RgbColor(nibble(h, 0), nibble(h, 1), nibble(h, 2), h.length() == 4 ? nibble(h, 3) : 255));
            case 6, 8 ->
                Optional.of(new RgbColor(octet(h, 0), octet(h, 2), octet(h, 4), h.length() == 8 ? octet(h, 6) : 255));
            default -> Optional.empty();
        };
    }

    private static int nibble(String h, int i) {
        return Character.digit(h.charAt(i), 16) * 17;
    }

    private static int octet(String h, int i) {
        return Integer.parseInt(h.substring(i, i + 2), 16);
    }

    /** {@code #rrggbb}, or {@code #rrggbbaa} when not opaque; lower case. */
    public String hex() {
        String rgb = String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
        return alpha == 255 ? rgb : rgb + String.format(Locale.ROOT, "%02x", alpha);
    }

    /** The colour a fraction {@code t} (0..1) of the way from this one to {@code other}. */
    public RgbColor mix(RgbColor other, double t) {
        double f = Math.max(0, Math.min(1, t));
        return new RgbColor(
                lerp(red, other.red, f),
                lerp(green, other.green, f),
                lerp(blue, other.blue, f),
                lerp(alpha, other.alpha, f));
    }

    private static int lerp(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** This colour painted over white, as it looks on paper. */
    public RgbColor overWhite() {
        return alpha == 255 ? this : WHITE.mix(new RgbColor(red, green, blue, 255), alpha / 255.0);
    }

    /** Black or white, whichever reads better on this colour (WCAG relative luminance). */
    public RgbColor readableText() {
        RgbColor c = overWhite();
        double l = 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue);
        return l > 0.179 ? BLACK : WHITE;
    }

    private static double linear(int channel) {
        double s = channel / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
