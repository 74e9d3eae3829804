package org.atlasops.server.layers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.atlasops.navigator.matrix.Column;
import org.atlasops.store.LayerRevision;
import org.atlasops.store.StoredLayer;

/** The API's JSON for stored layers, their history, and a layer drawn over its release (the workspace's view). */
final class LayerJson {
    private LayerJson() {
    }

    static ObjectNode summary(StoredLayer s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("id", s.id()).put("name", s.name())
                .put("owner", s.owner()).put("revision", s.revision()).put("created_at", s.createdAt().toString())
                .put("updated_at", s.updatedAt().toString())
                .put("entries", s.layer().techniques().size());
        s.layer().atlasVersion().ifPresent(v -> n.put("atlas_version", v));
        return n;
    }

    static ObjectNode full(StoredLayer s) {
        ObjectNode n = summary(s);
        n.set("layer", LayerWriter.toTree(s.layer()));
        return n;
    }

    static ArrayNode history(List<LayerRevision> revisions) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (LayerRevision r : revisions) {
            a.addObject().put("revision", r.revision()).put("author", r.author()).put("summary", r.summary())
                    .put("at", r.createdAt().toString());
        }
        return a;
    }

    static ArrayNode issues(List<LayerIssue> issues) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (LayerIssue i : issues) {
            a.addObject().put("severity", i.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("where", i.where()).put("message", i.message());
        }
        return a;
    }

    /** The matrix as the layer paints it: fills, text colours, scores and aggregates come from the engine. */
    static ObjectNode view(AnnotatedMatrix m) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("release", m.knowledgeBase().version());
        ArrayNode columns = n.putArray("columns");
        for (Column c : m.columns()) {
            ObjectNode col = columns.addObject().put("tactic", c.tactic().id().value()).put("name", c.tactic().name())
                    .put("shortname", c.tactic().shortname());
            ArrayNode cells = col.putArray("cells");
            c.cells().forEach(cell -> cells.add(cell(cell)));
        }
        n.put("unplaced", m.unplaced().size());
        return n;
    }

    private static ObjectNode cell(Cell c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("technique", c.techniqueId())
                .put("tactic", c.tactic().shortname()).put("name", c.displayName())
                .put("enabled", c.enabled()).put("annotated", c.annotated()).put("comment", c.comment())
                .put("text", c.textColor().hex());
        c.score().ifPresent(s -> n.put("score", s));
        c.aggregateScore().ifPresent(s -> n.put("aggregate", s));
        c.fill().map(RgbColor::hex).ifPresent(f -> n.put("fill", f));
        c.annotation().map(a -> a.color()).filter(col -> !col.isEmpty()).ifPresent(col -> n.put("color", col));
        if (!c.subTechniques().isEmpty()) {
            n.put("expanded", c.expanded());
            ArrayNode subs = n.putArray("subtechniques");
            c.subTechniques().forEach(s -> subs.add(cell(s)));
        }
        return n;
    }
}
