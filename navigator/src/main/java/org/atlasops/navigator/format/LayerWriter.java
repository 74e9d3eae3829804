package org.atlasops.navigator.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.kb.files.AtomicFiles;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.LinkItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.Versions;
import org.atlasops.navigator.View;

/**
 * Writes layers in format 4.5 with the field order of the Navigator's own export. Every technique entry is written
 * with its tactic when it has one; scores that are whole numbers are written without a fraction.
 */
public final class LayerWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LayerWriter() {}

    /** One layer as a JSON object, or several as a JSON array. */
    public static String toJson(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new LayerException("nothing to write: no layer");
        }
        Object tree = layers.size() == 1
                ? toTree(layers.get(0))
                : layers.stream().map(LayerWriter::toTree).collect(NODES::arrayNode, ArrayNode::add, ArrayNode::addAll);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return JSON.writer(printer).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a layer tree", e);
        }
    }

    public static String toJson(Layer layer) {
        return toJson(List.of(layer));
    }

    /** Writes atomically: a crash never leaves half a layer behind. */
    public static void write(List<Layer> layers, Path file) {
        AtomicFiles.write(file, toJson(layers));
    }

    public static ObjectNode toTree(Layer layer) {
        ObjectNode n = NODES.objectNode();
        n.put("name", layer.name());
        ObjectNode versions = n.putObject("versions");
        Versions v = Versions.CURRENT;
        layer.versions().attack().ifPresent(a -> versions.put("attack", a));
        versions.put("navigator", v.navigator().orElseThrow());
        versions.put("layer", v.layer());
        n.put("domain", layer.domain());
        n.put("description", layer.description());
        layer.customDataUrl().ifPresent(u -> n.put("customDataURL", u));
        if (!layer.platforms().isEmpty()) {
            ArrayNode p = n.putObject("filters").putArray("platforms");
            layer.platforms().forEach(p::add);
        }
        View view = layer.view();
        n.put("sorting", view.sorting().code());
        ObjectNode layout = n.putObject("layout");
        layout.put("layout", view.layout().kind().jsonName());
        layout.put("aggregateFunction", view.layout().aggregateFunction().jsonName());
        layout.put("showID", view.layout().showId());
        layout.put("showName", view.layout().showName());
        layout.put("showAggregateScores", view.layout().showAggregateScores());
        layout.put("countUnscored", view.layout().countUnscored());
        layout.put(
                "expandedSubtechniques", view.layout().expandedSubtechniques().jsonName());
        n.put("hideDisabled", view.hideDisabled());
        ArrayNode techniques = n.putArray("techniques");
        layer.techniques().forEach(t -> techniques.add(technique(t)));
        ObjectNode gradient = n.putObject("gradient");
        ArrayNode colors = gradient.putArray("colors");
        layer.gradient().colors().forEach(colors::add);
        number(gradient, "minValue", layer.gradient().minValue());
        number(gradient, "maxValue", layer.gradient().maxValue());
        ArrayNode legend = n.putArray("legendItems");
        for (LegendItem item : layer.legend()) {
            legend.addObject().put("label", item.label()).put("color", item.color());
        }
        n.set("metadata", metadata(layer.metadata()));
        n.set("links", links(layer.links()));
        n.put("showTacticRowBackground", view.showTacticRowBackground());
        n.put("tacticRowBackground", view.tacticRowBackground());
        n.put("selectTechniquesAcrossTactics", view.selectTechniquesAcrossTactics());
        n.put("selectSubtechniquesWithParent", view.selectSubtechniquesWithParent());
        n.put("selectVisibleTechniques", view.selectVisibleTechniques());
        return n;
    }

    /** One technique entry as the layer format writes it. */
    public static ObjectNode technique(TechniqueAnnotation t) {
        ObjectNode n = NODES.objectNode();
        n.put("techniqueID", t.techniqueId());
        t.tactic().ifPresent(tactic -> n.put("tactic", tactic));
        t.score().ifPresent(s -> number(n, "score", s));
        n.put("color", t.color());
        n.put("comment", t.comment());
        n.put("enabled", t.enabled());
        n.set("metadata", metadata(t.metadata()));
        n.set("links", links(t.links()));
        n.put("showSubtechniques", t.showSubtechniques());
        return n;
    }

    private static void number(ObjectNode n, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            n.put(field, (long) value);
        } else {
            n.put(field, value);
        }
    }

    private static ArrayNode metadata(List<MetadataItem> items) {
        ArrayNode a = NODES.arrayNode();
        for (MetadataItem item : items) {
            if (item instanceof MetadataItem.Entry e) {
                a.addObject().put("name", e.name()).put("value", e.value());
            } else {
                a.addObject().put("divider", true);
            }
        }
        return a;
    }

    private static ArrayNode links(List<LinkItem> items) {
        ArrayNode a = NODES.arrayNode();
        for (LinkItem item : items) {
            if (item instanceof LinkItem.Link l) {
                a.addObject().put("label", l.label()).put("url", l.url());
            } else {
                a.addObject().put("divider", true);
            }
        }
        return a;
    }
}
