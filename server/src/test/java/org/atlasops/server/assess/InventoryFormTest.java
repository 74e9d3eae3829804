package org.atlasops.server.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;

/** The editor's YAML: what is typed reads back the same through the CLI's reader, however it is spelt. */
class InventoryFormTest {
    private static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().load("5.6.0");

    /** Text that YAML would read as something else, or not at all, when written plain. */
    private static final List<String> AWKWARD = List.of(
            "plain words",
            "true",
            "No",
            "null",
            "~",
            "123",
            "0x1F",
            "- a list?",
            "key: value",
            "a # comment",
            "#hash",
            "'single' and \"double\"",
            "back\\slash",
            "tab\tand\nnewline",
            "[flow]",
            "{map}",
            "*alias",
            "&anchor",
            "!tag",
            "%directive",
            "@at",
            "`tick",
            "ends with colon:",
            "trailing dot.",
            "ünïcödé and emoji 🙂",
            "line\u2028separator",
            "version: 2");

    @Test
    void everyAwkwardTextReadsBackAsTyped() {
        for (String text : AWKWARD) {
            InventoryForm typed = InventoryForm.fromParams(Map.of(
                    "id", List.of("bot"),
                    "name", List.of(text),
                    "exposure", List.of("internal"),
                    "components[0].type", List.of("componentTheModel"),
                    "components[0].name", List.of(text),
                    "mitigations[0].id", List.of("AML.M0015"),
                    "mitigations[0].note", List.of(text)));
            String yaml = typed.yaml();
            InventoryReader.Result r = InventoryReader.read(yaml.getBytes(StandardCharsets.UTF_8), "form", KB);
            assertThat(r.problems()).as(yaml).isEmpty();
            SystemInventory s = r.orThrow();
            String expected = text.strip();
            assertThat(s.name()).as(yaml).isEqualTo(expected);
            assertThat(s.components().get(0).name()).as(yaml).isEqualTo(expected);
            assertThat(s.mitigations().get(0).note()).as(yaml).isEqualTo(expected);
            assertThat(InventoryForm.fromText(yaml)).as(yaml).isEqualTo(typed);
        }
    }

    @Test
    void theSampleReadsIntoTheFormAndBackToTheSameInventory() throws Exception {
        String sample = Files.readString(Path.of("..", "samples", "assess", "support-bot.yaml"));
        SystemInventory original = InventoryReader.read(sample.getBytes(StandardCharsets.UTF_8), "sample", KB)
                .orThrow();
        String rewritten = InventoryForm.fromText(sample).yaml();
        SystemInventory again = InventoryReader.read(rewritten.getBytes(StandardCharsets.UTF_8), "sample", KB)
                .orThrow();
        assertThat(again.edges())
                .extracting(e -> e.from() + " -> " + e.to())
                .isEqualTo(original.edges().stream()
                        .map(e -> e.from() + " -> " + e.to())
                        .toList());
        assertThat(again.components())
                .extracting(c -> c.type() + " " + c.name())
                .isEqualTo(original.components().stream()
                        .map(c -> c.type() + " " + c.name())
                        .toList());
        assertThat(again.tools())
                .extracting(t -> t.kind() + " " + t.name() + " " + t.sideEffects())
                .isEqualTo(original.tools().stream()
                        .map(t -> t.kind() + " " + t.name() + " " + t.sideEffects())
                        .toList());
        assertThat(again.mitigations())
                .extracting(m -> m.id() + " " + m.note())
                .isEqualTo(original.mitigations().stream()
                        .map(m -> m.id() + " " + m.note())
                        .toList());
        assertThat(List.of(
                        again.exposure(),
                        again.untrustedContent(),
                        again.rag(),
                        again.modelSource(),
                        again.holdsSecrets(),
                        again.name(),
                        again.description()))
                .isEqualTo(List.of(
                        original.exposure(),
                        original.untrustedContent(),
                        original.rag(),
                        original.modelSource(),
                        original.holdsSecrets(),
                        original.name(),
                        original.description()));
        assertThat(InventoryForm.fromText(rewritten)).isEqualTo(InventoryForm.fromText(sample));
    }

    @Test
    void blankRowsAreDroppedSoRowsAndTheReadersIndicesAgree() {
        InventoryForm f = InventoryForm.fromParams(Map.of(
                "id", List.of("bot"),
                "exposure", List.of("public"),
                "components[0].type", List.of(""),
                "components[0].name", List.of(" "),
                "components[3].type", List.of("componentMemory"),
                "agent.tools[1].name", List.of("search"),
                "agent.tools[1].side-effects", List.of("maybe")));
        assertThat(f.components()).extracting(InventoryForm.ComponentRow::type).containsExactly("componentMemory");
        InventoryReader.Result r = InventoryReader.read(f.yaml().getBytes(StandardCharsets.UTF_8), "form", KB);
        assertThat(r.problems())
                .extracting(p -> p.field() + ": " + p.message())
                .containsExactly("agent.tools[0].side-effects: expected true or false, found 'maybe'");
    }

    @Test
    void sameMeaningLooksAtWhatTheInventorySaysNotTheLinesItWasReadFrom() throws Exception {
        String text = Files.readString(Path.of("..", "samples", "assess", "support-bot.yaml"));
        SystemInventory a = InventoryReader.read(text.getBytes(StandardCharsets.UTF_8), "a", KB)
                .orThrow();
        SystemInventory moved = InventoryReader.read(("\n\n" + text).getBytes(StandardCharsets.UTF_8), "a", KB)
                .orThrow();
        assertThat(InventoryApi.sameMeaning(a, moved)).isTrue();
        SystemInventory other = InventoryReader.read(
                        text.replace("exposure: public", "exposure: internal").getBytes(StandardCharsets.UTF_8),
                        "a",
                        KB)
                .orThrow();
        assertThat(InventoryApi.sameMeaning(a, other)).isFalse();
    }
}
