package org.atlasops.server.web;

/** HTML escaping for text and attribute values; every value from data or users goes through here. */
public final class Html {
    private Html() {}

    /**
     * The hidden {@code csrf} field every form of a browser session carries (the server checks it on each change);
     * {@code token} is the session's token, empty for callers without a session.
     */
    public static String csrfInput(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
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
     * The path when {@code path} is a path on this site as a browser reads it (WHATWG URL rules, relative to an http
     * or https page); empty otherwise. The WHATWG parser removes tabs and newlines anywhere, strips leading and
     * trailing control characters and spaces, treats a backslash as a slash and reads two leading slashes as the
     * start of another host, so {@code /<TAB>/evil.example}, {@code //evil}, {@code /\evil} and {@code \\evil} all
     * lead off the site. Rather than normalise, this accepts only one leading slash followed by URL characters that
     * every parser reads the same way: printable ASCII without space, backslash, quotes or angle brackets, and
     * {@code %} only before two hex digits (percent-encoded forms are never decoded into the path's structure).
     */
    public static java.util.Optional<String> sitePath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || (path.length() > 1 && path.charAt(1) == '/')) {
            return java.util.Optional.empty();
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean urlChar = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?#%".indexOf(c) >= 0;
            if (!urlChar) {
                return java.util.Optional.empty();
            }
            if (c == '%' && (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2)))) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(path);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
