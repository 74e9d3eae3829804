package org.atlasops.kb.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;

/** A truncated or mutated STIX bundle gives a model or a clear {@link AtlasDataException}, never anything else. */
class MutatedStixPropertiesTest {
    private static final String BUNDLE =
            StixExporter.exportJson(ReleaseCatalog.bundledOnly().load("3.0.0"));

    private static void readsOrFailsCleanly(String json) {
        try {
            KnowledgeBase kb = StixImporter.read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mutant.json", Optional.empty());
            assertThat(kb.version()).isNotBlank();
        } catch (AtlasDataException e) {
            assertThat(e.getMessage()).startsWith("mutant.json");
        }
    }

    @Property(tries = 100)
    void truncated(@ForAll @IntRange(min = 0, max = 400_000) int length) {
        readsOrFailsCleanly(BUNDLE.substring(0, Math.min(length, BUNDLE.length())));
    }

    @Property(tries = 200)
    void mutated(
            @ForAll @IntRange(min = 0, max = 400_000) int at,
            @ForAll("garbage") String insert,
            @ForAll @IntRange(min = 0, max = 40) int delete) {
        int pos = Math.min(at, BUNDLE.length());
        readsOrFailsCleanly(
                BUNDLE.substring(0, pos) + insert + BUNDLE.substring(Math.min(BUNDLE.length(), pos + delete)));
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "{",
                        "}",
                        "[",
                        "]",
                        ",",
                        ":",
                        "\"",
                        "null",
                        "true",
                        "1",
                        "\"x\"",
                        "{}",
                        "[]",
                        "\"type\": \"relationship\"",
                        "\"source_ref\": 5",
                        "\"objects\": {}",
                        "\"id\": null"),
                Arbitraries.strings().ofMaxLength(8));
    }
}
