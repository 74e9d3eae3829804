package org.atlasops.detect.accuracy;

/** How long a text is, in characters (Unicode code points): the bands the length table reports. */
public enum LengthBand {
    UNDER_200("< 200"),
    UNDER_1000("200-999"),
    UNDER_2000("1,000-1,999"),
    LONG("2,000+");

    private final String label;

    LengthBand(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static LengthBand of(String text) {
        int n = text.codePointCount(0, text.length());
        if (n < 200) {
            return UNDER_200;
        }
        if (n < 1000) {
            return UNDER_1000;
        }
        return n < 2000 ? UNDER_2000 : LONG;
    }
}
