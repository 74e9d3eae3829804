package org.atlasops.emulate.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;

/** Target specs, templates and answer paths are checked when loaded; errors name the option. */
class TargetsTest {
    static final Function<String, Optional<String>> ENV =
            n -> n.equals("LAB_KEY") ? Optional.of("k-123") : Optional.empty();

    static Target open(String kind, Map<String, String> options) {
        return Targets.open(TargetSpec.of(kind, options), ENV);
    }

    @Test
    void anOpenAiTargetNeedsAModelAndTakesItsKeyOnlyFromANamedEnvironmentVariable() {
        try (Target t =
                open("openai", Map.of("base-url", "http://127.0.0.1:9/v1", "model", "m", "api-key-env", "LAB_KEY"))) {
            assertThat(t.kinds()).containsExactly(TargetKind.CHAT);
            assertThat(t.name()).isEqualTo("127.0.0.1");
        }
        assertThatThrownBy(() -> open("openai", Map.of("base-url", "http://127.0.0.1:9/v1")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("option model is required for --target openai");
        assertThatThrownBy(() -> open(
                        "openai", Map.of("base-url", "http://h/v1", "model", "m", "api-key-env", "sk-live-abcdef")))
                .hasMessageContaining("api-key-env takes the NAME")
                .hasMessageNotContaining("abcdef");
        assertThatThrownBy(() ->
                        open("openai", Map.of("base-url", "http://h/v1", "model", "m", "api-key-env", "UNSET_KEY")))
                .hasMessageContaining("UNSET_KEY is not set");
        assertThatThrownBy(() -> open("openai", Map.of("base-url", "ftp://h", "model", "m")))
                .hasMessageContaining("base-url 'ftp://h' is not an http(s) URL");
        assertThatThrownBy(() -> open("openai", Map.of("base-url", "http://h", "model", "m", "template", "{}")))
                .hasMessageContaining("option template does not apply to --target openai");
        assertThatThrownBy(() -> open("openai", Map.of("base-url", "http://h", "model", "m", "timeout", "soon")))
                .hasMessageContaining("timeout 'soon'");
        assertThatThrownBy(() -> open("gpt", Map.of())).hasMessageContaining("--target gpt is not a target kind");
    }

    @Test
    void anHttpTargetChecksItsTemplateAndAnswerPathWhenLoaded() {
        Map<String, String> ok =
                Map.of("url", "http://127.0.0.1:9/chat", "template", "{\"q\": \"{{prompt}}\"}", "answer-path", "$.a");
        open("http", ok).close();
        assertThatThrownBy(() ->
                        open("http", Map.of("url", "http://h/c", "template", "{\"q\": \"x\"}", "answer-path", "$.a")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("template has no {{prompt}} placeholder");
        assertThatThrownBy(() -> open(
                        "http", Map.of("url", "http://h/c", "template", "{\"q\": {{prompt}}}", "answer-path", "$.a")))
                .hasMessageStartingWith("template is not JSON once a prompt is put in")
                .hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> open(
                        "http",
                        Map.of("url", "http://h/c", "template", "{\"q\": \"{{prompt}}\"", "answer-path", "$.a")))
                .hasMessageStartingWith("template is not JSON");
        assertThatThrownBy(() -> open(
                        "http",
                        Map.of("url", "http://h/c", "template", "{\"q\": \"{{prompt}}\"}", "answer-path", "answer")))
                .hasMessageStartingWith("answer-path 'answer': at character 1 expected starts with $");
        assertThatThrownBy(() -> open(
                        "http",
                        Map.of("url", "http://h/c", "template", "{\"q\": \"{{prompt}}\"}", "answer-path", "$.a[x]")))
                .hasMessageContaining("at character 5 expected an index like [0]");
        assertThatThrownBy(() -> open("http", Map.of("url", "http://h/c", "answer-path", "$.a")))
                .hasMessageContaining("option template is required for --target http");
    }

    @Test
    void theTemplateEscapesThePromptAndThePathFindsNestedAnswers() throws Exception {
        HttpTemplate t = HttpTemplate.parse("template", "{\"messages\": [{\"content\": \"{{prompt}}\"}]}");
        String filled = t.fill("quote \" backslash \\ newline \n tag \uDB40\uDC41");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(filled)
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText())
                .isEqualTo("quote \" backslash \\ newline \n tag \uDB40\uDC41");
        JsonPath p = JsonPath.parse("answer-path", "$.choices[0]['message'].content");
        assertThat(p.find(json.readTree("{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}")))
                .hasValueSatisfying(n -> assertThat(n.asText()).isEqualTo("hi"));
        assertThat(p.find(json.readTree("{\"choices\":[]}"))).isEmpty();
        assertThat(p.find(json.readTree("[1,2]"))).isEmpty();
    }

    @Test
    void mcpAndAgentTargetsNameTheirServers() {
        assertThatThrownBy(() -> open("mcp", Map.of())).hasMessageContaining("--target mcp takes either command");
        assertThatThrownBy(() -> open("mcp", Map.of("command", "server 'unclosed")))
                .hasMessageContaining("command 'server 'unclosed' has an unclosed ' quote");
        try (Target t = open("mcp", Map.of("command", "/usr/bin/my-server --flag 'two words'"))) {
            assertThat(t.name()).isEqualTo("my-server");
            assertThat(t.kinds()).containsExactly(TargetKind.MCP);
        }
        assertThat(CommandLines.split("x", "java -cp \"a b\" Main lab\\ mcp"))
                .containsExactly("java", "-cp", "a b", "Main", "lab mcp");
        assertThatThrownBy(() -> open("agent", Map.of("base-url", "http://h/v1", "model", "m")))
                .hasMessageContaining("--target agent needs at least one mcp");
        assertThatThrownBy(() -> Targets.open(
                        new TargetSpec(
                                "agent",
                                Map.of(
                                        "base-url",
                                        List.of("http://h/v1"),
                                        "model",
                                        List.of("m"),
                                        "mcp",
                                        List.of("files"))),
                        ENV))
                .hasMessageContaining("mcp 'files' is not NAME=URL");
        assertThatThrownBy(() -> Targets.open(
                        new TargetSpec(
                                "agent",
                                Map.of(
                                        "base-url",
                                        List.of("http://h/v1"),
                                        "model",
                                        List.of("m"),
                                        "mcp",
                                        List.of("a=http://h/mcp", "a=http://g/mcp"))),
                        ENV))
                .hasMessageContaining("names the server 'a' twice");
        try (Target t = Targets.open(
                new TargetSpec(
                        "agent",
                        Map.of(
                                "base-url",
                                List.of("http://h/v1"),
                                "model",
                                List.of("m"),
                                "mcp",
                                List.of("files=http://127.0.0.1:9/mcp", "local=stdio:my-server --x"))),
                ENV)) {
            assertThat(t.kinds()).contains(TargetKind.AGENT, TargetKind.CHAT);
        }
    }

    @Test
    void anAgentTakesSeveralServersInOneValueToo() {
        try (Target t = open(
                "agent",
                Map.of(
                        "base-url",
                        "http://h/v1",
                        "model",
                        "m",
                        "mcp",
                        "a=http://127.0.0.1:9/mcp; b=stdio:my-server"))) {
            assertThat(t.kinds()).contains(TargetKind.AGENT);
        }
        assertThatThrownBy(() -> open("agent", Map.of("base-url", "http://h/v1", "model", "m", "mcp", " ; ")))
                .hasMessageContaining("needs at least one mcp");
    }

    @Test
    void headersMayTakeValuesFromTheEnvironment() {
        TargetSpec spec = new TargetSpec(
                "model-api",
                Map.of("url", List.of("http://h/p"), "header", List.of("Authorization: Bearer ${LAB_KEY}")));
        assertThat(Targets.headers(spec, ENV)).containsEntry("Authorization", "Bearer k-123");
        assertThatThrownBy(() ->
                        Targets.headers(new TargetSpec("model-api", Map.of("header", List.of("no colon"))), ENV))
                .hasMessageContaining("header 'no colon' is not 'Name: value'");
        assertThatThrownBy(() ->
                        Targets.headers(new TargetSpec("model-api", Map.of("header", List.of("X: ${NOPE}"))), ENV))
                .hasMessageContaining("NOPE is not set");
    }
}
