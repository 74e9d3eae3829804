package org.atlasops.kb.read;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.SafeText;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads untrusted YAML into a {@link YNode} tree. Nothing is instantiated from the input (no tags honoured but
 * the core ones), and every way to make a small file expensive is bounded: size, aliases, nesting, node count.
 */
final class SafeYaml {
    /** The largest input accepted; the biggest ATLAS release is under 1 MB. */
    static final int MAX_CHARS = 32 * 1024 * 1024;

    static final int MAX_ALIASES = 100;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 2_000_000;

    private static final Set<String> PLAIN_TAGS = Set.of(
            Tag.STR.getValue(),
            Tag.INT.getValue(),
            Tag.FLOAT.getValue(),
            Tag.BOOL.getValue(),
            Tag.NULL.getValue(),
            Tag.MAP.getValue(),
            Tag.SEQ.getValue(),
            "tag:yaml.org,2002:timestamp",
            "tag:yaml.org,2002:binary");

    /** The tree, and where unsafe characters were removed from a value. */
    record Parsed(YNode root, List<YNode.Pos> cleaned) {}

    private final String file;
    private final List<YNode.Pos> cleaned = new ArrayList<>();
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
    private int nodes;

    private SafeYaml(String file) {
        this.file = file;
    }

    /** Parses one YAML document; an empty document is an error. */
    static Parsed parse(InputStream in, String file) {
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8), file);
    }

    static Parsed parse(Reader reader, String file) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, reader)));
            Optional<Node> root = composer.getSingleNode();
            if (root.isEmpty()) {
                throw new AtlasDataException(file + ":1:1: the file is empty; expected an ATLAS YAML document");
            }
            SafeYaml yaml = new SafeYaml(file);
            YNode tree = yaml.convert(root.get(), 0);
            return new Parsed(tree, List.copyOf(yaml.cleaned));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String where = mark.map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                    .orElse(file);
            String problem = firstLine(e.getProblem() == null ? e.getMessage() : e.getProblem());
            String context = e.getContext() == null ? "" : " (" + firstLine(e.getContext()) + ")";
            throw new AtlasDataException(where + ": malformed YAML: " + problem + context, e);
        } catch (YamlEngineException e) {
            throw new AtlasDataException(
                    file + ": refused YAML: " + firstLine(e.getMessage())
                            + "; ATLAS data uses no aliases, so a file that needs many is not ATLAS data",
                    e);
        } catch (StackOverflowError e) {
            throw new AtlasDataException(
                    file + ": refused YAML: nested too deeply (ATLAS data nests fewer than " + MAX_DEPTH + " levels)");
        } catch (java.io.UncheckedIOException e) {
            throw new AtlasDataException(file + ": cannot read: " + e.getCause().getMessage(), e);
        }
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private YNode.Pos pos(Node node) {
        return node.getStartMark()
                .map(m -> new YNode.Pos(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new YNode.Pos(file, 0, 0));
    }

    private YNode convert(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new AtlasDataException(pos(node) + ": refused YAML: nested deeper than " + MAX_DEPTH
                    + " levels (ATLAS data nests fewer than 10)");
        }
        if (++nodes > MAX_NODES) {
            throw new AtlasDataException(pos(node) + ": refused YAML: more than " + MAX_NODES
                    + " values once aliases are expanded (an alias bomb?)");
        }
        String tag = node.getTag().getValue();
        if (!PLAIN_TAGS.contains(tag)) {
            throw new AtlasDataException(pos(node) + ": refused YAML: unsupported tag '" + tag
                    + "'; ATLAS data is plain YAML without custom tags");
        }
        if (onPath.put(node, Boolean.TRUE) != null) {
            throw new AtlasDataException(pos(node) + ": refused YAML: a value contains itself through an alias");
        }
        try {
            if (node instanceof ScalarNode scalar) {
                if (node.getTag().equals(Tag.NULL)) {
                    return new YNode.YScalar(pos(node), null);
                }
                String value = scalar.getValue();
                if (!SafeText.isSafe(value)) {
                    value = SafeText.clean(value);
                    cleaned.add(pos(node));
                }
                return new YNode.YScalar(pos(node), value);
            }
            if (node instanceof SequenceNode seq) {
                List<YNode> items = new ArrayList<>(seq.getValue().size());
                for (Node item : seq.getValue()) {
                    items.add(convert(item, depth + 1));
                }
                return new YNode.YList(pos(node), items);
            }
            MappingNode map = (MappingNode) node;
            Map<String, YNode> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                YNode key = convert(tuple.getKeyNode(), depth + 1);
                if (!(key instanceof YNode.YScalar scalarKey) || scalarKey.value() == null) {
                    throw new AtlasDataException(
                            key.pos() + ": refused YAML: a map key must be a string, found " + key.kind());
                }
                if (entries.containsKey(scalarKey.value())) {
                    throw new AtlasDataException(key.pos() + ": malformed YAML: duplicate key '"
                            + scalarKey.value() + "' (first at "
                            + entries.get(scalarKey.value()).pos()
                            + "); remove one of them");
                }
                entries.put(scalarKey.value(), convert(tuple.getValueNode(), depth + 1));
            }
            return new YNode.YMap(pos(node), entries);
        } finally {
            onPath.remove(node);
        }
    }
}
