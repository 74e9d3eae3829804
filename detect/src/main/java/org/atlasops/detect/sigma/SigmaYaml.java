package org.atlasops.detect.sigma;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
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
 * Reads the YAML documents of a Sigma file (a rule, or several documents: rules, filters, correlations) into
 * {@link YamlNode} trees. Untrusted input: no custom tags, at most 50 aliases, 64 levels, 200,000 nodes and 4 MiB per
 * file; duplicate keys are refused. Errors are {@link SigmaException}s with the file, line and column.
 */
final class SigmaYaml {
    static final int MAX_CHARS = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 200_000;

    private final String file;
    private final Map<Node, YamlNode> converted = new IdentityHashMap<>();
    private int nodes;

    private SigmaYaml(String file) {
        this.file = file;
    }

    /** Every non-empty document of the text, in order. */
    static List<YamlNode> parseAll(String text, String file) {
        if (text.length() > MAX_CHARS) {
            throw new SigmaException(
                    file,
                    1,
                    "the file is " + text.length() + " characters; Sigma files larger " + "than " + MAX_CHARS
                            + " are refused");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setMaxAliasesForCollections(50)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARS + 1)
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                // the whole file in one buffer: snakeyaml-engine 2.10 overruns its buffer when a surrogate pair
                // straddles a buffer boundary
                .setBufferSize(text.length() + 16)
                .build();
        Reader reader = new StringReader(text);
        List<YamlNode> docs = new ArrayList<>();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, reader)));
            SigmaYaml yaml = new SigmaYaml(file);
            while (composer.hasNext()) {
                Node n = composer.next();
                if (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                    continue;
                }
                docs.add(yaml.convert(n, 0));
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            throw new SigmaException(
                    file, line, "not valid YAML: " + e.getProblem().strip());
        } catch (YamlEngineException e) {
            throw new SigmaException(file, 1, "not valid YAML: " + e.getMessage());
        }
        return docs;
    }

    private YamlNode convert(Node n, int depth) {
        int line = n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        int column = n.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
        if (depth > MAX_DEPTH) {
            throw new SigmaException(file, line, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++nodes > MAX_NODES) {
            throw new SigmaException(file, line, "more than " + MAX_NODES + " values (aliases included); refused");
        }
        YamlNode done = converted.get(n);
        if (done != null) {
            return done;
        }
        String tag = n.getTag().getValue();
        if (!tag.startsWith("tag:yaml.org,2002:")) {
            throw new SigmaException(file, line, "custom YAML tag " + tag + " is not allowed in Sigma rules");
        }
        YamlNode out;
        if (n instanceof MappingNode m) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw new SigmaException(file, line, "a map key must be a plain value, not a list or map");
                }
                entries.put(key.getValue(), convert(t.getValueNode(), depth + 1));
                keyLines.put(
                        key.getValue(),
                        key.getStartMark().map(mk -> mk.getLine() + 1).orElse(line));
            }
            out = new YamlNode.Mapping(line, column, entries, keyLines);
        } else if (n instanceof SequenceNode s) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : s.getValue()) {
                items.add(convert(item, depth + 1));
            }
            out = new YamlNode.Sequence(line, column, items);
        } else {
            ScalarNode s = (ScalarNode) n;
            YamlNode.Scalar.Type type = switch (tag) {
                case "tag:yaml.org,2002:int" -> YamlNode.Scalar.Type.INTEGER;
                case "tag:yaml.org,2002:float" -> YamlNode.Scalar.Type.FLOAT;
                case "tag:yaml.org,2002:bool" -> YamlNode.Scalar.Type.BOOLEAN;
                case "tag:yaml.org,2002:null" -> YamlNode.Scalar.Type.NULL;
                default -> YamlNode.Scalar.Type.STRING;
            };
            out = new YamlNode.Scalar(line, column, s.getValue(), type);
        }
        converted.put(n, out);
        return out;
    }
}
