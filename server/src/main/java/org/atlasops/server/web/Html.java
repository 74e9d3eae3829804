package org.atlasops.server.web;

/** HTML escaping for text and attribute values; every value from data or users goes through here. */
public final class Html {
    private Html() {
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A drop-down list; {@code cssClass} may be empty. */
    public static String select(String name, java.util.List<String> options, String selected, String cssClass) {
        StringBuilder b = new StringBuilder("<select name=\"").append(esc(name)).append('"');
        if (!cssClass.isEmpty()) {
            b.append(" class=\"").append(esc(cssClass)).append('"');
        }
        b.append('>');
        for (String o : options) {
            b.append("<option").append(o.equals(selected) ? " selected" : "").append('>').append(esc(o))
                    .append("</option>");
        }
        return b.append("</select>").toString();
    }

    /** A query-string or path component. */
    public static String url(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
