package org.atlasops.kb.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.stix.StixImporter;

/**
 * Reads an ATLAS data file in any published format and tells which one it is: 3.x (tactics at the top level),
 * 4.x–5.x ({@code matrices}) or 6.x ({@code format-version: 6…}). The release version is the file's own
 * {@code version} (or {@code collection.version}) field, never its name.
 */
public final class AtlasReader {
    private static final Pattern VERSION_IN_NAME = Pattern.compile("(\\d+\\.\\d+\\.\\d+|\\d{4}\\.\\d{2}(?:\\.\\d+)?)");

    private AtlasReader() {}

    /** Reads a YAML data file, or a STIX 2.1 bundle when the name ends in {@code .json}. */
    public static KnowledgeBase read(Path file) {
        if (file.getFileName() != null
                && file.getFileName()
                        .toString()
                        .toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".json")) {
            return StixImporter.read(file, Optional.empty());
        }
        if (Files.isDirectory(file)) {
            throw new AtlasDataException(file + ": is a directory; give an ATLAS YAML file such as dist/ATLAS.yaml");
        }
        try {
            long size = Files.size(file);
            if (size > SafeYaml.MAX_CHARS) {
                throw new AtlasDataException(file + ": refused: " + size + " bytes is larger than the "
                        + SafeYaml.MAX_CHARS + " bytes an ATLAS data file can reasonably be");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new AtlasDataException(file + ": no such file");
        } catch (IOException e) {
            throw new AtlasDataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @param name the file name, used in messages and to notice a version that differs from the name's */
    public static KnowledgeBase read(InputStream in, String name) {
        SafeYaml.Parsed parsed = SafeYaml.parse(in, name);
        YNode root = parsed.root();
        ReadContext ctx = new ReadContext(name);
        for (YNode.Pos pos : parsed.cleaned()) {
            ctx.warn(
                    new YNode.YScalar(pos, ""),
                    "",
                    "control or text-direction characters removed from this value "
                            + "(they could drive a terminal or disguise text)");
        }
        if (!(root instanceof YNode.YMap map)) {
            throw new AtlasDataException(root.pos() + ": not ATLAS data: the document must be a map with "
                    + "'matrices' (ATLAS 4.x-5.x), 'tactics' (3.x) or 'format-version' (6.x), found " + root.kind());
        }
        Optional<String> formatVersion = ctx.text(map, "format-version", "");
        KnowledgeBase kb;
        if (formatVersion.isPresent()) {
            String fv = formatVersion.get().strip();
            if (!fv.startsWith("6.")) {
                throw new AtlasDataException(
                        map.get("format-version").orElseThrow().pos()
                                + ": unsupported format-version '" + fv
                                + "'; this reader knows 6.x and the unversioned "
                                + "3.x-5.x layouts");
            }
            YNode.YMap collection = map.get("collection")
                    .filter(YNode.YMap.class::isInstance)
                    .map(YNode.YMap.class::cast)
                    .orElseThrow(() ->
                            ctx.fatal(map, "format 6 data must have a 'collection' map with the content 'version'"));
            kb = new V6FormatReader(ctx).read(map, version(ctx, collection, name), fv);
        } else if (map.get("matrices").isPresent() || map.get("tactics").isPresent()) {
            kb = new ClassicFormatReader(ctx).read(map, version(ctx, map, name));
        } else {
            throw new AtlasDataException(map.pos() + ": not ATLAS data: expected 'matrices' (ATLAS 4.x-5.x), "
                    + "'tactics' (3.x) or 'format-version' (6.x) at the top level; found keys "
                    + map.entries().keySet());
        }
        return kb;
    }

    private static String version(ReadContext ctx, YNode.YMap holder, String name) {
        String version = ctx.text(holder, "version", "")
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> ctx.fatal(holder, "ATLAS data must say its release in 'version'"));
        // Plain string work: a name such as "bundled:ATLAS-5.6.0.yaml" is not a valid path everywhere.
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        Matcher m = VERSION_IN_NAME.matcher(base);
        if (m.find() && !m.group(1).equals(version)) {
            ctx.warn(
                    holder.get("version").orElse(holder),
                    "",
                    "the file name says " + m.group(1) + " but the 'version' field says " + version
                            + "; the field wins (release " + version + ")");
        }
        return version;
    }

    /** The issues of a release that are errors (something was left out). */
    public static List<DataIssue> errors(KnowledgeBase kb) {
        List<DataIssue> errors = new ArrayList<>();
        for (DataIssue i : kb.issues()) {
            if (i.severity() == DataIssue.Severity.ERROR) {
                errors.add(i);
            }
        }
        return errors;
    }
}
