package org.atlasops.server.web;

import java.util.List;

/**
 * The frame every HTML page shares: header with navigation and search, the content, and the page's own ES modules.
 * No inline scripts (the Content-Security-Policy forbids them) and no asset from anywhere but this server.
 */
public final class Page {
    private Page() {}

    /** What the header needs to know about the caller. */
    public record Viewer(String userName, String role, String csrfToken) {
        public static final Viewer ANONYMOUS = new Viewer("", "", "");

        public boolean signedIn() {
            return !userName.isEmpty();
        }
    }

    public static String render(String title, Viewer viewer, String release, String body, List<String> modules) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"color-scheme\" content=\"light dark\">")
                .append("<meta name=\"csrf-token\" content=\"")
                .append(Html.esc(viewer.csrfToken()))
                .append("\">")
                .append("<title>")
                .append(Html.esc(title))
                .append(" · atlas-ops</title>")
                .append("<link rel=\"stylesheet\" href=\"/assets/app.css\">")
                .append("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">");
        for (String m : modules) {
            b.append("<script type=\"module\" src=\"/assets/")
                    .append(Html.esc(m))
                    .append("\"></script>");
        }
        String rel = release.isEmpty() ? "" : "?release=" + Html.url(release);
        b.append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"top\">")
                .append("<a class=\"brand\" href=\"/")
                .append(rel)
                .append("\">atlas-ops</a><nav aria-label=\"Main\">")
                .append("<a href=\"/")
                .append(rel)
                .append("\">Matrix</a>")
                .append("<a href=\"/mitigations")
                .append(rel)
                .append("\">Mitigations</a>")
                .append("<a href=\"/studies")
                .append(rel)
                .append("\">Case studies</a>")
                .append("<a href=\"/diff\">Compare releases</a>")
                .append("<a href=\"/layers\">Layers</a>")
                .append("<a href=\"/incidents\">Incidents</a>")
                .append("<a href=\"/risk\">AI risk</a>")
                .append("<a href=\"/assess\">Assess</a>")
                .append("<a href=\"/emulation\">Emulation</a>")
                .append("<a href=\"/api\">API</a>")
                .append(viewer.role().equals("admin") ? "<a href=\"/admin/users\">Users</a>" : "")
                .append("</nav>")
                .append("<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">")
                .append("<input type=\"hidden\" name=\"release\" value=\"")
                .append(Html.esc(release))
                .append("\">")
                .append("<input id=\"search-box\" type=\"search\" name=\"q\" placeholder=\"Search ATLAS\" ")
                .append("aria-label=\"Search ATLAS\" autocomplete=\"off\"><div id=\"search-results\" ")
                .append("class=\"search-results\" role=\"listbox\" hidden></div></form><div class=\"who\">");
        if (viewer.signedIn()) {
            b.append("<span>")
                    .append(Html.esc(viewer.userName()))
                    .append(" (")
                    .append(Html.esc(viewer.role()))
                    .append(")</span><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" ")
                    .append("value=\"")
                    .append(Html.esc(viewer.csrfToken()))
                    .append("\">")
                    .append("<button type=\"submit\">Sign out</button></form>");
        } else {
            b.append("<a href=\"/login\">Sign in</a>");
        }
        b.append("</div></header><main id=\"main\">")
                .append(body)
                .append("</main>")
                .append("<script type=\"module\" src=\"/assets/site.js\"></script></body></html>\n");
        return b.toString();
    }
}
