package org.atlasops.assess;

/** Escaping for the reports this module writes (every value from an inventory or rule file is untrusted). */
public final class Html {
    private Html() {}

    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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

    /**
     * The opening of an inline SVG chart, the same for every chart of the module: an image with its title and
     * description (escaped here) for screen readers, labelled by them when the chart has an {@code id} (a prefix unique
     * on the page). The caller draws the rest and closes it with {@code </svg>}.
     */
    public static String svgOpen(java.util.Optional<String> id, int width, int height, String title, String desc) {
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"");
        String safeId = id.map(Html::escape).orElse("");
        if (id.isPresent()) {
            b.append(" aria-labelledby=\"")
                    .append(safeId)
                    .append("-title ")
                    .append(safeId)
                    .append("-desc\"");
        }
        b.append(" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\"><title")
                .append(id.isPresent() ? " id=\"" + safeId + "-title\"" : "")
                .append('>')
                .append(escape(title))
                .append("</title><desc")
                .append(id.isPresent() ? " id=\"" + safeId + "-desc\"" : "")
                .append('>')
                .append(escape(desc))
                .append("</desc>\n");
        return b.toString();
    }

    /** A Markdown table cell: pipes and line breaks would break the table. */
    public static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The opening of a standalone report page, with a strict content security policy (no scripts). */
    public static String page(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .5em;"
                + "vertical-align:top;text-align:left}th{background:#f3f3f3}.num{text-align:right}"
                + "</style></head><body>\n";
    }
}
