package org.atlasops.kb.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile YAML gets one clear line, never a crash or a hang. */
class HostileInputTest {
    private static KnowledgeBase read(String yaml) {
        return AtlasReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "in.yaml");
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() {
        assertThatThrownBy(() -> read("id: ATLAS\nversion: 1\nmatrices:\n  - id: [unclosed\n"))
                .isInstanceOf(AtlasDataException.class)
                .hasMessageStartingWith("in.yaml:5:1: malformed YAML: ");
        assertThatThrownBy(() -> read("id: ATLAS\n  version: 1\n"))
                .hasMessageStartingWith("in.yaml:2:10: malformed YAML: mapping values are not allowed here");
    }

    @Test
    void duplicateKeysAreRefusedWithBothPlaces() {
        assertThatThrownBy(() -> read("id: ATLAS\nversion: 1\nversion: 2\n"))
                .hasMessage("in.yaml:3:1: malformed YAML: duplicate key 'version' (first at in.yaml:2:10); "
                        + "remove one of them");
    }

    /** {@code levels} lists of ten aliases to the level below: 10^levels values once expanded. */
    private static String aliasBomb(int levels) {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < levels; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        return y.toString();
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        assertThatThrownBy(() -> read(aliasBomb(12)))
                .isInstanceOf(AtlasDataException.class)
                .hasMessageContaining("refused YAML");
    }

    @Test
    void anExpansionBombUnderTheAliasLimitIsStoppedByTheValueLimit() {
        // 90 aliases, under the limit, but 10^10 values once expanded.
        assertThatThrownBy(() -> read(aliasBomb(10)))
                .hasMessageEndingWith(
                        "refused YAML: more than 2000000 values once aliases are expanded (an alias bomb?)");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> read(deep))
                .isInstanceOf(AtlasDataException.class)
                .hasMessageContaining("refused YAML: nested");
    }

    @Test
    void customTagsAreRefused() {
        assertThatThrownBy(() -> read("id: !!python/object/apply:os.system ['rm -rf /']\nversion: 1\n"))
                .hasMessage(
                        "in.yaml:1:5: refused YAML: unsupported tag 'tag:yaml.org,2002:python/object/apply:os.system'; "
                                + "ATLAS data is plain YAML without custom tags");
    }

    @Test
    void hugeFilesAreRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("ATLAS.yaml");
        try (var out = Files.newBufferedWriter(big)) {
            String line = "# " + "x".repeat(1022) + "\n";
            for (int i = 0; i < SafeYaml.MAX_CHARS / 1024 + 1; i++) {
                out.write(line);
            }
        }
        assertThatThrownBy(() -> AtlasReader.read(big))
                .hasMessageContaining("refused: ")
                .hasMessageContaining("larger than");
    }

    @Test
    void documentsThatAreNotAtlasDataSaySo() {
        assertThatThrownBy(() -> read("- a\n- b\n"))
                .hasMessage("in.yaml:1:1: not ATLAS data: the document must be a map with 'matrices' (ATLAS 4.x-5.x), "
                        + "'tactics' (3.x) or 'format-version' (6.x), found a list");
        assertThatThrownBy(() -> read("hello: world\n"))
                .hasMessage("in.yaml:1:1: not ATLAS data: expected 'matrices' (ATLAS 4.x-5.x), 'tactics' (3.x) or "
                        + "'format-version' (6.x) at the top level; found keys [hello]");
        assertThatThrownBy(() -> read(""))
                .hasMessage("in.yaml:1:1: the file is empty; expected an ATLAS YAML document");
        assertThatThrownBy(() -> read("matrices: []\n"))
                .hasMessage("in.yaml:1:1: ATLAS data must say its release in 'version'");
    }

    @Test
    void unexpectedTypesAreReportedAndSkipped() {
        KnowledgeBase kb = read("""
                version: 1.0.0
                matrices:
                - id: ATLAS
                  tactics: hello
                  techniques:
                  - just a string
                  - id: AML.T0000
                    name: [not, text]
                    tactics: [AML.TA0002]
                  - id: NOT-AN-ID
                """);
        assertThat(kb.issues())
                .filteredOn(i -> i.severity() == DataIssue.Severity.ERROR)
                .extracting(DataIssue::toString)
                .containsExactly(
                        "in.yaml:4:12: error: ATLAS: field 'tactics' must be a list, found a string; ignored",
                        "in.yaml:6:5: error: expected an object (a map), found a string; ignored",
                        "in.yaml:8:11: error: AML.T0000: field 'name' must be text, found a list; ignored",
                        "in.yaml:10:5: error: NOT-AN-ID: 'NOT-AN-ID' is not a valid technique ID (like AML.T0051); ignored");
        assertThat(kb.techniques()).extracting(t -> t.id().value()).containsExactly("AML.T0000");
    }

    @Test
    void anIdOfTheWrongKindIsReportedWhereItStands() {
        KnowledgeBase kb = read("""
                version: 1.0.0
                matrices:
                - id: ATLAS
                  tactics:
                  - id: AML.TA0002
                    name: Reconnaissance
                  techniques:
                  - id: AML.T0000
                    name: Search
                    tactics: [AML.TA0002, AML.T0001]
                  - id: AML.T0000.000
                    name: Journals
                    subtechnique-of: AML.M0000
                  - id: AML.T0001
                    name: Scan
                    subtechnique-of: AML.T0000.000
                    tactics:
                    - aml.t0000
                """);
        assertThat(kb.issues())
                .filteredOn(i -> i.severity() == DataIssue.Severity.ERROR)
                .extracting(DataIssue::toString)
                .containsExactly(
                        "in.yaml:10:27: error: AML.T0000: 'AML.T0001' is a technique ID where a tactic ID (like "
                                + "AML.TA0002) belongs; ignored",
                        "in.yaml:13:22: error: AML.T0000.000: 'AML.M0000' is a mitigation ID where a technique ID "
                                + "(like AML.T0051) belongs; ignored",
                        "in.yaml:18:7: error: AML.T0001: 'aml.t0000' is a technique ID where a tactic ID (like "
                                + "AML.TA0002) belongs; ignored");
        assertThat(kb.technique("AML.T0000").orElseThrow().tacticIds())
                .extracting(t -> t.value())
                .containsExactly("AML.TA0002");
    }

    @Test
    void terminalControlAndBidiCharactersAreRemovedVisibly() {
        KnowledgeBase kb = read("""
                version: 1.0.0
                matrices:
                - id: ATLAS
                  tactics:
                  - id: AML.TA0002
                    name: "Recon\\e[2J\\e]0;pwned\\x07naissance \\u202Egnp.exe"
                  techniques: []
                """);
        assertThat(kb.tactic("AML.TA0002").orElseThrow().name()).isEqualTo("Recon[2J]0;pwnednaissance gnp.exe");
        assertThat(kb.issues())
                .extracting(DataIssue::toString)
                .containsExactly(
                        "in.yaml:6:11: warning: control or "
                                + "text-direction characters removed from this value (they could drive a terminal or disguise text)");
    }

    @Test
    void aBigButHonestDocumentStillReadsFast() {
        org.assertj.core.api.Assertions.assertThatCode(() -> {
                    long start = System.nanoTime();
                    ReleaseCatalog.bundledOnly().load("5.6.0");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
                })
                .doesNotThrowAnyException();
    }
}
