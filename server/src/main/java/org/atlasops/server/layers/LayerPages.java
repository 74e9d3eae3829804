package org.atlasops.server.layers;

import io.javalin.http.Context;
import java.util.List;
import org.atlasops.server.kb.KbPages;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.store.Database;
import org.atlasops.store.ListedLayer;
import org.atlasops.store.StoredLayer;
import org.atlasops.store.UnreadableLayer;

/**
 * The layer pages: the list with the forms that make layers, and the workspace. The workspace is drawn by
 * {@code workspace.js} from the API; colours, aggregates, combining, upgrading and exports all come from the server.
 */
public final class LayerPages {
    private final Releases releases;
    private final Database db;
    private final Frame frame;

    public LayerPages(Releases releases, Database db, Frame frame) {
        this.releases = releases;
        this.db = db;
        this.frame = frame;
    }

    public void list(Context ctx) {
        int limit = Paging.param(ctx, "limit", LayerApi.PAGE, 1, LayerApi.MAX_PAGE);
        int offset = Paging.param(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<ListedLayer> layers = db.layers().list(offset, limit);
        long total = db.layers().count();
        StringBuilder b = new StringBuilder("<h1>Layers</h1>");
        if (layers.isEmpty()) {
            b.append("<p class=\"none\">No layers yet. Make one below.</p>");
        } else {
            b.append("<form id=\"open-form\" action=\"/workspace\" method=\"get\"><table class=\"plain\" ")
                    .append("id=\"layer-list\"><thead><tr><th><span class=\"sr-only\">Open</span></th><th>Name</th>")
                    .append("<th>ATLAS</th><th>Entries</th><th>Owner</th><th>Revision</th><th>Updated</th></tr>")
                    .append("</thead><tbody>");
            for (ListedLayer s : layers) {
                b.append("<tr><td><input type=\"checkbox\" name=\"ids\" value=\"")
                        .append(s.id())
                        .append("\" aria-label=\"Select ")
                        .append(Html.esc(s.name()))
                        .append("\"></td><td><a href=\"")
                        .append("/workspace?ids=")
                        .append(s.id())
                        .append("\">")
                        .append(Html.esc(s.name()))
                        .append("</a></td>");
                if (s instanceof StoredLayer stored) {
                    b.append("<td>")
                            .append(Html.esc(stored.layer().atlasVersion().orElse("")))
                            .append("</td><td>")
                            .append(stored.layer().techniques().size())
                            .append("</td>");
                } else {
                    // one unreadable row is reported here; the rest of the list is still shown
                    b.append("<td colspan=\"2\" class=\"error\">unreadable: ")
                            .append(Html.esc(((UnreadableLayer) s).problem()))
                            .append(" (its owner or an admin can delete it)</td>");
                }
                b.append("<td>")
                        .append(Html.esc(s.owner()))
                        .append("</td><td>")
                        .append(s.revision())
                        .append("</td><td>")
                        .append(s.updatedAt())
                        .append("</td></tr>");
            }
            b.append("</tbody></table><button type=\"submit\">Open selected side by side</button></form>");
        }
        if (offset > 0 || offset + (long) limit < total) {
            b.append("<nav class=\"pages\" aria-label=\"Layer pages\"><span>")
                    .append(total == 0 ? 0 : offset + 1)
                    .append("–")
                    .append(offset + layers.size())
                    .append(" of ")
                    .append(total)
                    .append("</span>");
            if (offset > 0) {
                b.append(" <a rel=\"prev\" href=\"/layers?offset=")
                        .append(Math.max(0, offset - limit))
                        .append("&amp;limit=")
                        .append(limit)
                        .append("\">Newer</a>");
            }
            if (offset + (long) limit < total) {
                b.append(" <a rel=\"next\" href=\"/layers?offset=")
                        .append(offset + limit)
                        .append("&amp;limit=")
                        .append(limit)
                        .append("\">Older</a>");
            }
            b.append("</nav>");
        }
        b.append("<div class=\"cards\"><section class=\"card\"><h2>New layer</h2><form id=\"new-layer\" ")
                .append("class=\"stack\"><label>Name <input name=\"name\" required maxlength=\"200\"></label>")
                .append("<label>ATLAS release ")
                .append(Html.select("release", releases.versions(), releases.defaultVersion(), ""))
                .append("</label><button type=\"submit\">Create</button></form>")
                .append("</section><section class=\"card\"><h2>Generate from ATLAS</h2><form id=\"generate-layer\" ")
                .append("class=\"stack\"><label>Kind <select name=\"kind\"><option value=\"case-study-frequency\">")
                .append("Case-study frequency</option><option value=\"maturity\">Maturity</option>")
                .append("<option value=\"matrix\">Whole matrix</option><option value=\"search\">Search results")
                .append("</option><option value=\"case-study\">One case study</option></select></label>")
                .append("<label>Query or case study ID <input name=\"query\"></label><label>ATLAS release ")
                .append(Html.select("release", releases.versions(), releases.defaultVersion(), ""))
                .append("</label>")
                .append("<button type=\"submit\">Generate</button></form></section>")
                .append("<section class=\"card\"><h2>Upload</h2><form id=\"upload-layer\" class=\"stack\">")
                .append("<label>Navigator layer file (.json) <input type=\"file\" name=\"file\" ")
                .append("accept=\".json,application/json\" required></label><button type=\"submit\">Upload")
                .append("</button></form><form id=\"import-layer\" class=\"stack\"><label>or from a URL <input ")
                .append("type=\"url\" name=\"url\" placeholder=\"https://\" required></label><button type=\"submit\">")
                .append("Import</button></form></section><section class=\"card\"><h2>Combine</h2>")
                .append("<form id=\"combine-layers\" class=\"stack\"><p class=\"muted\">Tick layers above; the first ")
                .append(
                        "is <code>a</code>, the second <code>b</code>…</p><label>Expression <input name=\"expression\" ")
                .append("value=\"a + b\" required></label><label>Name <input name=\"name\"></label>")
                .append("<button type=\"submit\">Combine</button></form></section></div>")
                .append("<p id=\"layers-message\" role=\"status\" class=\"message\"></p>");
        ctx.html(frame.render(ctx, "Layers", "", b.toString(), List.of("layers.js")));
    }

    /** The view toggles (workspace.js wires them and keeps the choice in the browser) and the maturity legend. */
    private static final String VIEW_CONTROLS = "<div class=\"ws-view\" role=\"toolbar\" aria-label=\"View\">"
            + "<button type=\"button\" data-view=\"compact\" aria-pressed=\"false\">Compact</button>"
            + "<button type=\"button\" data-view=\"ids\" aria-pressed=\"false\">Show IDs</button>"
            + "<button type=\"button\" data-view=\"side\" aria-pressed=\"true\">Side by side</button>"
            + KbPages.MATURITY_LEGEND
            + "</div>";

    public void workspace(Context ctx) {
        String body = "<div class=\"page-head\"><h1>Layer workspace</h1><p class=\"muted\">A click selects a cell "
                + "(Ctrl, Cmd or Shift adds it; a tactic's name selects its column; Escape deselects all), then edit "
                + "the selection in the panel. Every change is saved as a revision.</p></div>"
                + VIEW_CONTROLS
                + "<div id=\"workspace\" class=\"workspace\" "
                + "data-ids=\""
                + Html.esc(String.join(
                        ",",
                        ctx.queryParams("ids").stream()
                                .flatMap(s -> java.util.Arrays.stream(s.split(",")))
                                .filter(s -> s.matches("\\d{1,18}"))
                                .toList()))
                + "\" data-releases=\"" + Html.esc(String.join(",", releases.versions())) + "\"></div>"
                + "<noscript>The workspace needs JavaScript; the same operations are in the API at /api.</noscript>";
        ctx.html(frame.render(ctx, "Layer workspace", "", body, List.of("workspace.js")));
    }
}
