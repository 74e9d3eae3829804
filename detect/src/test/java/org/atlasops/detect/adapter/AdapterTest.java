package org.atlasops.detect.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.event.EventReader;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.scan.ScanRun;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each adapter on sample records written in the vendor's published shape (test resources, SOURCES.md there): the
 * attack records raise the same alerts as the same call written as a native event, the benign records raise none,
 * and a line of another shape is reported, not taken.
 */
class AdapterTest {
    private static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().loadDefault();
    private static final RuleSet PACK =
            RulePack.loadInto(new RuleLoader(Map.of(), RulePack.pipeline())).build();

    /** The lines of each sample file that hold the attack; the lines after them are benign. */
    private static final Map<Adapter, Integer> ATTACK_LINES = Map.of(
            Adapter.LITELLM, 1,
            Adapter.LANGFUSE, 1,
            Adapter.OPENAI_USAGE, 1,
            Adapter.AZURE_OPENAI, 60,
            Adapter.BEDROCK, 1,
            Adapter.MCP, 1);

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void anAttackRecordAlertsAsItsNativeFormDoesAndABenignOneDoesNot(Adapter adapter) throws IOException {
        String name = adapter.cliName();
        List<Alert> adapted = scan(name + ".jsonl", Optional.of(adapter));
        List<Alert> native_ = scan(name + ".native.jsonl", Optional.empty());

        assertThat(native_).as("the native form of the attack alerts").isNotEmpty();
        assertThat(adapted)
                .as("every alert of the adapted file is on an attack line")
                .allSatisfy(
                        a -> assertThat(a.sources().get(a.sources().size() - 1).line())
                                .isLessThanOrEqualTo(ATTACK_LINES.get(adapter)));
        assertThat(rules(adapted)).containsExactlyInAnyOrderElementsOf(rules(native_));
        assertThat(entities(adapted)).containsAllEntriesOf(entities(native_));
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aLineOfAnotherShapeIsReportedWithTheAdapterShapeNamed(Adapter adapter) throws IOException {
        String lines = resource(adapter.cliName() + ".jsonl").split("\n")[0] + "\n{\"hello\": \"world\"}\n";
        List<EventReader.BadLine> bad = new ArrayList<>();
        ScanRun run = new ScanRun(
                ScanRun.Config.builder(PACK, KB).adapter(Optional.of(adapter)).build());
        run.run(List.of(input("mixed.jsonl", lines)), a -> {}, new ScanRun.Listener() {
            @Override
            public void malformedLine(EventReader.BadLine line) {
                bad.add(line);
            }
        });
        assertThat(bad).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(2);
            assertThat(b.problem()).startsWith("not a");
        });
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aFileWithNoLineOfTheShapeIsAnError(Adapter adapter) {
        ScanRun run = new ScanRun(
                ScanRun.Config.builder(PACK, KB).adapter(Optional.of(adapter)).build());
        assertThatThrownBy(() -> run.run(List.of(input("other.jsonl", "{\"a\": 1}\n{\"b\": 2}\n")), a -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("other.jsonl: no line is an event")
                .hasMessageContaining("not a");
    }

    @org.junit.jupiter.api.Test
    void namesAreTheCommandLineNames() {
        assertThat(Adapter.byName("LiteLLM")).contains(Adapter.LITELLM);
        assertThat(Adapter.byName("mcp-log")).contains(Adapter.MCP);
        assertThat(Adapter.byName("splunk")).isEmpty();
        assertThat(Adapter.names()).isEqualTo("litellm, langfuse, openai-usage, azure-openai, bedrock, mcp-log");
    }

    private static List<String> rules(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.kind() + " " + Objects.requireNonNullElse(a.ruleId(), a.ruleTitle()))
                .toList();
    }

    private static Map<String, String> entities(List<Alert> alerts) {
        Map<String, String> all = new java.util.TreeMap<>();
        alerts.forEach(a -> all.putAll(a.entities().byName()));
        return all;
    }

    private static List<Alert> scan(String resource, Optional<Adapter> adapter) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        new ScanRun(ScanRun.Config.builder(PACK, KB).adapter(adapter).build())
                .run(List.of(input(resource, resource(resource))), alerts::add);
        return alerts;
    }

    private static ScanRun.Input input(String name, String text) {
        return new ScanRun.Input(name, () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String resource(String name) {
        try (InputStream in = AdapterTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
