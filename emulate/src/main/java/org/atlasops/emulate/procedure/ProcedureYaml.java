package org.atlasops.emulate.procedure;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one untrusted procedure file into a {@link Node} tree, the way kb and detect read YAML: core tags only, few
 * aliases, bounded size, nesting and node count, duplicate keys refused. Errors name the file and line.
 */
final class ProcedureYaml {
    static final int MAX_CHARS = 1024 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 50_000;

    private final String file;
    private final Map<org.snakeyaml.engine.v2.nodes.Node, Boolean> onPath = new IdentityHashMap<>();
    private int nodes;

    private ProcedureYaml(String file) {
        this.file = file;
    }

    static Node parse(String text, String file) {
        if (text.length() > MAX_CHARS) {
            throw new BadInputException(file + ":1: the file has " + text.length() + " characters; procedure files "
                    + "larger than " + MAX_CHARS + " are refused; split it");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setMaxAliasesForCollections(20)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(false)
                .setCodePointLimit(MAX_CHARS + 1)
                .setBufferSize(text.length() + 16)
                .setUseMarks(true)
                .build();
        try {
            Composer composer = new Composer(
                    settings, new ParserImpl(settings, new StreamReader(settings, new StringReader(text))));
            Optional<org.snakeyaml.engine.v2.nodes.Node> root = composer.getSingleNode();
            if (root.isEmpty()) {
                throw new BadInputException(file + ":1: the file is empty; a procedure starts with 'schema: 1'");
            }
            return new ProcedureYaml(file).convert(root.get(), "", 0);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String where = file + ":" + mark.map(m -> m.getLine() + 1).orElse(1);
            String problem = firstLine(e.getProblem() == null ? e.getMessage() : e.getProblem());
            throw new BadInputException(where + ": not valid YAML: " + problem, e);
        } catch (YamlEngineException e) {
            throw new BadInputException(file + ":1: refused YAML: " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new BadInputException(file + ":1: refused YAML: nested too deeply");
        }
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private Node convert(org.snakeyaml.engine.v2.nodes.Node node, String path, int depth) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        if (depth > MAX_DEPTH) {
            throw new BadInputException(file + ":" + line + ": refused YAML: nested deeper than " + MAX_DEPTH);
        }
        if (++nodes > MAX_NODES) {
            throw new BadInputException(
                    file + ":" + line + ": refused YAML: more than " + MAX_NODES + " values (aliases included)");
        }
        String tag = node.getTag().getValue();
        if (!tag.startsWith("tag:yaml.org,2002:")) {
            throw new BadInputException(file + ":" + line + ": refused YAML: custom tag " + tag + " at '" + path
                    + "'; procedures are plain YAML");
        }
        if (onPath.put(node, Boolean.TRUE) != null) {
            throw new BadInputException(file + ":" + line + ": refused YAML: a value contains itself through an alias");
        }
        try {
            if (node instanceof ScalarNode s) {
                if (node.getTag().equals(Tag.NULL)) {
                    return new Node.Scalar(file, line, path, null, false);
                }
                return new Node.Scalar(
                        file, line, path, s.getValue(), node.getTag().equals(Tag.STR));
            }
            if (node instanceof SequenceNode seq) {
                List<Node> items = new ArrayList<>();
                int i = 0;
                for (org.snakeyaml.engine.v2.nodes.Node item : seq.getValue()) {
                    items.add(convert(item, path + "[" + i++ + "]", depth + 1));
                }
                return new Node.ListNode(file, line, path, items);
            }
            Map<String, Node> entries = new LinkedHashMap<>();
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw new BadInputException(file + ":" + line + ": a map key at '" + path
                            + "' must be a plain word, not a list or map");
                }
                String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                entries.put(key.getValue(), convert(t.getValueNode(), child, depth + 1));
            }
            return new Node.MapNode(file, line, path, entries);
        } finally {
            onPath.remove(node);
        }
    }
}
