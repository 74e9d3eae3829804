package org.atlasops.kb.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.KnowledgeBase;

/** Truncated or mutated ATLAS YAML gives a model or a clear {@link AtlasDataException}, never anything else. */
class MutatedYamlPropertiesTest {
    private static final String SOURCE = load();

    private static String load() {
        try (InputStream in =
                MutatedYamlPropertiesTest.class.getResourceAsStream("/org/atlasops/kb/data/ATLAS-4.4.0.yaml")) {
            // A slice keeps each try fast while covering tactics, techniques and mitigations.
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return all.substring(0, Math.min(all.length(), 60_000));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readsOrFailsCleanly(String yaml) {
        try {
            KnowledgeBase kb =
                    AtlasReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "mutant.yaml");
            assertThat(kb.version()).isNotBlank();
        } catch (AtlasDataException e) {
            assertThat(e.getMessage()).startsWith("mutant.yaml").doesNotContain("\n");
        }
    }

    @Property(tries = 150)
    void truncated(@ForAll @IntRange(min = 0, max = 60_000) int length) {
        readsOrFailsCleanly(SOURCE.substring(0, Math.min(length, SOURCE.length())));
    }

    @Property(tries = 300)
    void mutated(
            @ForAll @IntRange(min = 0, max = 59_999) int at,
            @ForAll("garbage") String insert,
            @ForAll @IntRange(min = 0, max = 20) int delete) {
        int pos = Math.min(at, SOURCE.length());
        String mutant = SOURCE.substring(0, pos) + insert + SOURCE.substring(Math.min(SOURCE.length(), pos + delete));
        readsOrFailsCleanly(mutant);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        ":",
                        "- ",
                        "\n",
                        "  ",
                        "\t",
                        "&a ",
                        "*a",
                        "!!binary ",
                        "{",
                        "[",
                        "]",
                        "}",
                        "'",
                        "\"",
                        "? ",
                        "|",
                        ">",
                        "%YAML 1.1\n",
                        "---\n",
                        "...\n",
                        "~",
                        "\u0000",
                        "\uFEFF",
                        "#"),
                Arbitraries.strings().ofMaxLength(12));
    }
}
