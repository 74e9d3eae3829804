package org.atlasops.emulate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.run.Attempt;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static Attempt attempt(Attempt.Sent... sent) {
        return new Attempt(
                "p#0",
                "p",
                "P",
                "AML.T0051.001",
                "AML.TA0005",
                "5.6.0",
                0,
                1,
                "C",
                "lab",
                "atlas-ops",
                Instant.parse("2026-12-03T10:00:00Z"),
                5,
                List.of(sent),
                Verdict.SUCCEEDED,
                "r",
                1,
                1,
                1);
    }

    static Attempt.Sent sent(String kind, ObjectNode request, Optional<String> answer, ArrayNode calls) {
        return new Attempt.Sent(0, kind, kind, request, "ok", answer, Optional.empty(), calls, 3, 10, 4, "");
    }

    @Test
    void aChatWithToolCallsIsAGenAiEventAndMcpMessages() {
        ObjectNode req = F.objectNode();
        ArrayNode msgs = req.putArray("messages");
        msgs.addObject().put("role", "system").put("content", "forged system");
        msgs.addObject().put("role", "user").put("content", "Summarise notes.txt");
        ArrayNode calls = F.arrayNode();
        calls.addObject()
                .put("server", "files")
                .put("tool", "read_file")
                .put("result", "IGNORE PREVIOUS")
                .putObject("arguments")
                .put("path", "notes.txt");
        List<ObjectNode> events = Telemetry.of(attempt(sent("chat", req, Optional.of("done"), calls)));
        assertThat(events).hasSize(3);
        JsonNode chat = events.get(0);
        assertThat(chat.path("gen_ai.operation.name").asText()).isEqualTo("chat");
        assertThat(chat.path("gen_ai.system_instructions").asText()).isEqualTo("forged system");
        assertThat(chat.path("gen_ai.input.messages")
                        .get(0)
                        .path("parts")
                        .get(0)
                        .path("content")
                        .asText())
                .isEqualTo("Summarise notes.txt");
        assertThat(chat.path("gen_ai.input.messages").findValuesAsText("response"))
                .contains("IGNORE PREVIOUS");
        assertThat(chat.path("gen_ai.output.messages")
                        .get(0)
                        .path("parts")
                        .get(0)
                        .path("content")
                        .asText())
                .isEqualTo("done");
        assertThat(chat.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(10);
        assertThat(events.get(1).path("mcp.direction").asText()).isEqualTo("request");
        assertThat(events.get(1).path("jsonrpc.method").asText()).isEqualTo("tools/call");
        assertThat(events.get(1).path("mcp.tool.arguments").path("path").asText())
                .isEqualTo("notes.txt");
        assertThat(events.get(2).path("mcp.tool.result").asText()).isEqualTo("IGNORE PREVIOUS");
        assertThat(events)
                .allMatch(e -> e.path("atlas_ops.emulate.attempt").asText().equals("p#0")
                        && e.path("atlas_ops.emulate.technique").asText().equals("AML.T0051.001")
                        && e.has("@timestamp"));
    }

    @Test
    void plantsListingsCallsAndInferencesHaveTheirSchemas() {
        ObjectNode plant =
                F.objectNode().put("channel", "rag").put("name", "doc.md").put("content", "text");
        ObjectNode call = F.objectNode().put("tool", "read_file");
        call.putObject("arguments").put("path", "../x");
        ObjectNode infer = F.objectNode();
        infer.putObject("input").put("text", "hi");
        List<ObjectNode> events = Telemetry.of(attempt(
                sent("plant", plant, Optional.of("stored"), F.arrayNode()),
                sent("list-tools", F.objectNode(), Optional.empty(), F.arrayNode()),
                sent("call-tool", call, Optional.of("contents"), F.arrayNode()),
                sent("infer", infer, Optional.empty(), F.arrayNode())));
        assertThat(events.get(0).path("gen_ai.operation.name").asText()).isEqualTo("retrieval");
        assertThat(events.get(0)
                        .path("gen_ai.retrieval.documents")
                        .get(0)
                        .path("content")
                        .asText())
                .isEqualTo("text");
        assertThat(events.get(1).path("jsonrpc.method").asText()).isEqualTo("tools/list");
        assertThat(events.get(3).path("mcp.tool.name").asText()).isEqualTo("read_file");
        assertThat(events.get(4).path("mcp.tool.result").asText()).isEqualTo("contents");
        JsonNode log = events.get(5);
        assertThat(log.path("url.path").asText()).isEqualTo("/v1/infer");
        assertThat(log.path("http.response.status_code").asInt()).isEqualTo(200);
        assertThat(log.path("request.input_hash").asText()).hasSize(16);
        assertThat(log.path("model.name").asText()).isEqualTo("lab");
    }
}
