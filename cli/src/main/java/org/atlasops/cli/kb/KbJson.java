package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.atlasops.cli.JsonOutput;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.json.Documents;
import org.atlasops.kb.json.ObjectJson;

/** The JSON shapes of ATLAS objects in every {@code --format json} output: stable, documented in docs/kb.md. */
final class KbJson {
    private KbJson() {}

    static ObjectNode object() {
        return JsonOutput.object();
    }

    static void print(PrintWriter out, Object node) {
        JsonOutput.print(out, node);
    }

    /** A document of kb's one JSON mapping, printed as the API answers it (indented here). */
    static void print(PrintWriter out, Documents.Document document) {
        JsonOutput.print(out, ObjectJson.tree(document));
    }

    /** An object as listings show it (the fields common to every object and the type's own). */
    static ObjectNode summary(KnowledgeBase kb, AtlasObject o) {
        return ObjectJson.tree(ObjectJson.summary(kb, o));
    }

    static ArrayNode strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
        return a;
    }
}
