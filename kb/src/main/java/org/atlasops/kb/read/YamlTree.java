package org.atlasops.kb.read;

import java.io.InputStream;
import java.io.Reader;

/**
 * The safe YAML layer for other modules' own files (inventories, rule sets, DeTT&CT files): the same limits as for
 * ATLAS data (size, aliases, nesting, node count, core tags only), and every value keeps its file, line and column.
 * JSON is read too, as the YAML 1.2 subset it is. Errors are {@link org.atlasops.kb.AtlasDataException}s whose message
 * starts with {@code file:line:column}.
 */
public final class YamlTree {
    private YamlTree() {}

    /** One document; an empty document is an error. */
    public static YNode parse(InputStream in, String file) {
        return SafeYaml.parse(in, file).root();
    }

    public static YNode parse(Reader reader, String file) {
        return SafeYaml.parse(reader, file).root();
    }
}
