package org.atlasops.assess.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.assess.Samples;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryReaderTest {
    private static final KnowledgeBase KB = Samples.latest();

    @TempDir
    Path dir;

    private static InventoryReader.Result read(String yaml) {
        return InventoryReader.read(yaml.getBytes(StandardCharsets.UTF_8), "system.yaml", KB);
    }

    @Test
    void theSampleSystemReadsAsDocumented() {
        SystemInventory s = Samples.supportBotInventory();
        assertThat(s.id()).isEqualTo("support-bot");
        assertThat(s.exposure()).isEqualTo(Exposure.PUBLIC);
        assertThat(s.rag()).isTrue();
        assertThat(s.untrustedContent())
                .containsExactlyInAnyOrder(
                        UntrustedContent.WEB, UntrustedContent.DOCUMENTS, UntrustedContent.TOOL_OUTPUT);
        assertThat(s.toolsOf(Tool.Kind.MCP_SERVER)).extracting(Tool::name).containsExactly("orders", "tickets");
        assertThat(s.tools().stream().filter(Tool::sideEffects))
                .extracting(Tool::name)
                .containsExactly("tickets");
        assertThat(s.modelSource()).contains(ModelSource.THIRD_PARTY);
        assertThat(s.hasMitigation(AtlasId.parse("AML.M0015"))).isTrue();
        assertThat(s.component("componentRAGContent")).map(Component::label).contains("help-centre vector index");
    }

    @Test
    void jsonIsReadTooWithItsLines() {
        InventoryReader.Result ok = read("{\"id\": \"x\", \"exposure\": \"internal\", \"rag\": true}");
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.orThrow().rag()).isTrue();
        InventoryReader.Result bad = read("{\n  \"id\": \"x\",\n  \"exposure\": \"outside\"\n}");
        assertThat(bad.problems())
                .singleElement()
                .hasToString("system.yaml:3:15: exposure: 'outside' is not one of public, internal");
    }

    @Test
    void everyFlawNamesFileLineAndField() {
        InventoryReader.Result r = read(String.join(
                "\n",
                "id: bot",
                "exposure: publik",
                "ragg: true",
                "agent:",
                "  mcp-servers:",
                "    - name: tickets",
                "components:",
                "  - type: componentModel",
                "mitigations:",
                "  - AML.M015",
                "  - id: AML.T0051",
                ""));
        assertThat(r.inventory()).isEmpty();
        List<String> lines =
                r.problems().stream().map(InventoryProblem::toString).toList();
        assertThat(lines)
                .contains(
                        "system.yaml:2:11: exposure: 'publik' is not one of public, internal; did you mean 'public'?",
                        "system.yaml:6:7: agent.mcp-servers[0].side-effects: missing; say true when the MCP server writes, "
                                + "sends, deletes or pays, false when it only reads");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("system.yaml:3:7: ragg: unknown field; did you mean 'rag'?"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("system.yaml:8:11: components[0].type: 'componentModel' is not a CoSAI component"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .isEqualTo("system.yaml:10:5: mitigations[0]: 'AML.M015' is not an ATLAS ID (like AML.M0000); "
                                + "nearest: AML.M0015 (Adversarial Input Detection)"));
        assertThat(lines)
                .contains("system.yaml:11:9: mitigations[1].id: AML.T0051 is a technique, expected a mitigation");
        assertThatThrownBy(r::orThrow)
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("system.yaml:2:11: exposure:")
                .hasMessageContaining("more; 'atlas-ops assess inventory validate' lists them");
    }

    @Test
    void malformedEmptyAndBinaryFilesAreProblemsNotCrashes() throws Exception {
        assertThat(read("id: [unclosed\n").problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.yaml");
            assertThat(p.message()).contains("malformed YAML");
        });
        assertThat(read("").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
        assertThat(InventoryReader.read(new byte[] {1, 0, 2}, "b.bin", KB).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("binary"));
        assertThatThrownBy(() -> InventoryReader.read(dir.resolve("missing.yaml"), KB))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
        Files.createDirectories(dir.resolve("folder"));
        assertThatThrownBy(() -> InventoryReader.read(dir.resolve("folder"), KB))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a folder");
    }

    @Test
    void theCosaiVocabularyIsBundledWithAll23Components() {
        assertThat(CosaiComponents.all()).hasSize(23);
        assertThat(CosaiComponents.title("componentAgentInputHandling")).isEqualTo("Input Handling (Agent)");
    }

    @Test
    void edgesJoinListedComponentsByNameOrByType() {
        SystemInventory s = read(String.join(
                        "\n",
                        "id: bot",
                        "exposure: internal",
                        "components:",
                        "  - {type: componentRAGContent, name: wiki index}",
                        "  - {type: componentTheModel}",
                        "edges:",
                        "  - {from: Wiki Index, to: componentTheModel}",
                        ""))
                .orThrow();
        assertThat(s.edges()).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("wiki index");
            assertThat(e.to()).isEqualTo("componentTheModel");
            assertThat(e.line()).isEqualTo(7);
        });
        assertThat(Samples.supportBotInventory().edges()).isNotEmpty();
    }

    @Test
    void duplicateComponentNamesAndEdgesToNothingAreNamedWithTheirField() {
        List<String> lines = read(String.join(
                        "\n",
                        "id: bot",
                        "exposure: internal",
                        "components:",
                        "  - {type: componentRAGContent, name: index}",
                        "  - {type: componentTheModel, name: Index}",
                        "edges:",
                        "  - {from: indx, to: index}",
                        "  - {from: index, to: index}",
                        "  - {from: index, to: index}",
                        "  - {to: index}",
                        ""))
                .problems()
                .stream()
                .map(InventoryProblem::toString)
                .toList();
        assertThat(lines)
                .containsExactly(
                        "system.yaml:5:37: components[1].name: 'Index' is already the name of components[0]; give "
                                + "each component its own name (edges refer to components by name)",
                        "system.yaml:7:12: edges[0].from: 'indx' is not a component of this inventory; did you mean "
                                + "'index'?; components: index",
                        "system.yaml:9:5: edges[2]: the edge from 'index' to 'index' is listed twice; keep one",
                        "system.yaml:10:5: edges[3].from: missing; docs/assess.md shows an example");
    }

    @Test
    void anEdgeNamingTheTypeOfTwoUnnamedComponentsIsAProblemNotAGuess() {
        InventoryReader.Result r = read(String.join(
                "\n",
                "id: bot",
                "exposure: internal",
                "components:",
                "  - {type: componentRAGContent, name: index}",
                "  - {type: componentTheModel}",
                "  - {type: componentTheModel}",
                "edges:",
                "  - {from: index, to: componentTheModel}",
                ""));
        assertThat(r.inventory()).isEmpty();
        assertThat(r.problems())
                .extracting(InventoryProblem::toString)
                .containsExactly("system.yaml:8:23: edges[0].to: 'componentTheModel' is the type of 2 components "
                        + "without a name (lines 5, 6); name them and give the name here");
    }
}
