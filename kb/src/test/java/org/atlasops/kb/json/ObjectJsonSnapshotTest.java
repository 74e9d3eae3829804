package org.atlasops.kb.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.details.Details;
import org.atlasops.kb.diff.Differ;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON users see (the CLI's {@code --format json} and the API) stays byte for byte what it was when the mapping
 * was built as trees: objects of every kind in full and as listed, the matrix and a diff, compared with the text
 * captured in {@code snapshots/} beside this class. Run with {@code -Dsnapshots.write=<dir>} to write the files
 * again (only when a change of the JSON is meant).
 */
class ObjectJsonSnapshotTest {
    private static final ReleaseCatalog CATALOG = ReleaseCatalog.bundledOnly();

    /** A tactic, techniques with and without sub-techniques, a sub-technique, mitigations, case studies. */
    private static final List<String> OBJECTS = List.of(
            "AML.TA0004",
            "AML.TA0000",
            "AML.T0051",
            "AML.T0051.000",
            "AML.T0043",
            "AML.T0000",
            "AML.M0015",
            "AML.M0000",
            "AML.CS0016",
            "AML.CS0000");

    static Stream<Arguments> documents() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (String version : List.of("4.9.1", ReleaseCatalog.DEFAULT_VERSION)) {
            KnowledgeBase kb = CATALOG.load(version);
            Details details = Details.of(kb);
            for (String id : OBJECTS) {
                kb.find(id).ifPresent(o -> {
                    out.add(Arguments.of(version + "/" + id + ".json", text(details.of(o))));
                    out.add(Arguments.of(version + "/" + id + ".summary.json", summaryText(kb, o)));
                });
            }
            out.add(Arguments.of(version + "/matrix.json", matrixText(kb, true)));
            out.add(Arguments.of(version + "/matrix-current.json", matrixText(kb, false)));
        }
        out.add(Arguments.of(
                "diff-4.9.1-" + ReleaseCatalog.DEFAULT_VERSION + ".json",
                diffText(CATALOG.load("4.9.1"), CATALOG.load(ReleaseCatalog.DEFAULT_VERSION))));
        return out.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void theJsonIsTheOneUsersSawBefore(String name, String json) throws IOException {
        String write = System.getProperty("snapshots.write");
        if (write != null) {
            Path file = Path.of(write).resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json + "\n");
        }
        assertThat(json).as(name).isEqualTo(snapshot(name));
    }

    private static String snapshot(String name) throws IOException {
        try (InputStream in = ObjectJsonSnapshotTest.class.getResourceAsStream("snapshots/" + name)) {
            assertThat(in).as("snapshot " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    private static String text(org.atlasops.kb.details.ObjectDetails d) {
        return ObjectJson.text(ObjectJson.details(d));
    }

    private static String summaryText(KnowledgeBase kb, AtlasObject o) {
        return ObjectJson.text(ObjectJson.summary(kb, o));
    }

    private static String matrixText(KnowledgeBase kb, boolean includeDeprecated) {
        return ObjectJson.text(ObjectJson.matrix(kb, includeDeprecated));
    }

    private static String diffText(KnowledgeBase older, KnowledgeBase newer) {
        return ObjectJson.text(ObjectJson.diff(Differ.diff(older, newer)));
    }
}
