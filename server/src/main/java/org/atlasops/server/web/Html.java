package org.atlasops.server.web;

/** HTML escaping for text and attribute values; every value from data or users goes through here. */
public final class Html {
    private Html() {}

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
            b.append("<option")
                    .append(o.equals(selected) ? " selected" : "")
                    .append('>')
                    .append(esc(o))
                    .append("</option>");
        }
        return b.append("</select>").toString();
    }

    /**
     * Where a link from data (a layer's links, an imported value) may point: its URL when the scheme is http or https
     * and it names a host; empty for anything else ({@code javascript:}, {@code data:}, relative or malformed), which
     * is then shown as text, never as an href.
     */
    public static java.util.Optional<String> safeHref(String url) {
        if (url == null) {
            return java.util.Optional.empty();
        }
        String u = url.strip();
        try {
            java.net.URI uri = new java.net.URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return java.util.Optional.of(u);
            }
        } catch (java.net.URISyntaxException e) {
            // not a URL: shown as text
        }
        return java.util.Optional.empty();
    }

    /**
     * A link from data: an anchor when {@link #safeHref} allows its URL, else the words as escaped text followed by
     * the URL in a {@code muted} span (when it differs), so a {@code javascript:} URL in imported data cannot run.
     */
    public static String link(String url, String text) {
        String u = url == null ? "" : url;
        return safeHref(u)
                .map(h -> "<a href=\"" + esc(h) + "\" rel=\"noopener noreferrer\">" + esc(text) + "</a>")
                .orElseGet(() -> esc(text)
                        + (u.isBlank() || u.equals(text) ? "" : " <span class=\"muted\">" + esc(u) + "</span>"));
    }

    /** A query-string or path component. */
    public static String url(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
