package org.atlasops.server.api;

import io.javalin.http.Context;
import java.util.List;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;

/** The interactive API page: every endpoint of the catalog, with a form to try it from the browser. */
public final class ApiPage {
    private final ApiCatalog catalog;
    private final Frame frame;

    public ApiPage(ApiCatalog catalog, Frame frame) {
        this.catalog = catalog;
        this.frame = frame;
    }

    public void show(Context ctx) {
        StringBuilder b = new StringBuilder("<h1>API</h1><p>Every page's data and every action, under ")
                .append("<code>/api/v1</code>. The OpenAPI 3.1 document is at <a href=\"/api/openapi.json\">")
                .append("/api/openapi.json</a>. Errors are <code>application/problem+json</code>. Team data needs ")
                .append("a session (this browser, when signed in) or <code>Authorization: Bearer TOKEN</code> ")
                .append("(tokens: <a href=\"/account\">account page</a>).</p>");
        String tag = "";
        for (Endpoint e : catalog.endpoints()) {
            if (!e.tag().equals(tag)) {
                tag = e.tag();
                b.append("<h2>").append(Html.esc(tag)).append("</h2>");
            }
            b.append("<details class=\"endpoint\"><summary><span class=\"method m-")
                    .append(e.method().toLowerCase(java.util.Locale.ROOT))
                    .append("\">")
                    .append(e.method())
                    .append("</span> <code>")
                    .append(Html.esc(e.path()))
                    .append("</code> ")
                    .append(Html.esc(e.summary()))
                    .append(e.access()
                            .role()
                            .map(r -> " <span class=\"role\">" + r.label() + "</span>")
                            .orElse(""))
                    .append("</summary><form class=\"try stack\" data-method=\"")
                    .append(e.method())
                    .append("\" data-path=\"")
                    .append(Html.esc(e.path()))
                    .append("\">");
            for (String p : pathParams(e.path())) {
                b.append("<label>")
                        .append(Html.esc(p))
                        .append(" <input name=\"path:")
                        .append(Html.esc(p))
                        .append("\" required></label>");
            }
            for (Endpoint.Param p : e.query()) {
                b.append("<label>")
                        .append(Html.esc(p.name()))
                        .append(" <input name=\"query:")
                        .append(Html.esc(p.name()))
                        .append("\"")
                        .append(p.required() ? " required" : "")
                        .append("> <small>")
                        .append(Html.esc(p.description()))
                        .append("</small></label>");
            }
            if (!e.body().mediaType().isEmpty()) {
                b.append("<label>Body <small>")
                        .append(Html.esc(e.body().description()))
                        .append("</small>")
                        .append("<textarea name=\"body\" rows=\"4\"></textarea></label>");
            }
            b.append("<button type=\"submit\">Send</button><pre class=\"response\" aria-live=\"polite\"></pre>")
                    .append("</form></details>");
        }
        ctx.html(frame.render(ctx, "API", "", b.toString(), List.of("api.js")));
    }

    private static List<String> pathParams(String path) {
        return java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}")
                .matcher(path)
                .results()
                .map(m -> m.group(1))
                .toList();
    }
}
