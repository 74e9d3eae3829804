package org.atlasops.emulate.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.emulate.target.AgentTarget;
import org.atlasops.emulate.target.McpTarget;
import org.atlasops.emulate.target.ModelApiTarget;
import org.atlasops.emulate.target.Reply;
import org.atlasops.emulate.target.Request;
import org.atlasops.emulate.target.Target;
import org.atlasops.emulate.target.TargetKind;

/**
 * The lab as one target of every kind, over its HTTP API: chat goes through the agent harness (the lab's model with
 * the lab's MCP tools, so told-to tool calls really happen), MCP requests to its MCP endpoint, inference queries to
 * its classifier, and {@link Request.Plant} into its RAG store ({@code rag}) or sandbox ({@code file}). When it
 * started the lab, closing it stops the lab.
 */
public final class LabTarget implements Target {
    private final URI base;
    private final AgentTarget agent;
    private final McpTarget mcp;
    private final ModelApiTarget model;
    private final HttpClient http;
    private final Duration timeout;
    private final Optional<Lab> owned;

    LabTarget(URI base, Duration timeout, Optional<Lab> owned) {
        String b = base.toString().replaceAll("/+$", "");
        this.base = URI.create(b);
        this.timeout = timeout;
        this.owned = owned;
        this.mcp = McpTarget.http("lab", URI.create(b + "/mcp"), Map.of(), timeout);
        this.agent = AgentTarget.of(
                "lab",
                URI.create(b + "/v1"),
                LabTruth.MODEL,
                Optional.empty(),
                List.of(McpTarget.http("lab", URI.create(b + "/mcp"), Map.of(), timeout)),
                5,
                timeout);
        this.model = new ModelApiTarget("lab", URI.create(b + "/model/predict"), Map.of(), timeout);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The lab this target started, if it did (its truth is what judges compare against). */
    public Optional<Lab> lab() {
        return owned;
    }

    public URI baseUrl() {
        return base;
    }

    /**
     * What the lab hides (its secret, canary, API key and system prompt), for judges: from the lab itself when this
     * target started it, else from the running lab's {@code GET /lab/truth}.
     */
    public Optional<LabTruth> truth() throws InterruptedException {
        if (owned.isPresent()) {
            return Optional.of(owned.get().truth());
        }
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/lab/truth"))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            var t = LabHttp.JSON.readTree(r.body());
            return Optional.of(new LabTruth(
                    t.path("seed").asLong(),
                    t.path("secret").asText(),
                    t.path("canary").asText(),
                    t.path("api_key").asText(),
                    t.path("system_prompt").asText()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks the lab to forget what attacks planted (documents, tools, files), its outbox and its query count; a runner
     * calls it between procedures so one's plant does not decide another's verdict. Whether it worked.
     */
    public boolean reset() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/lab/reset"))
                            .timeout(timeout)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.values());
    }

    @Override
    public Reply send(Request request) throws InterruptedException {
        if (request instanceof Request.Chat) {
            return agent.send(request);
        }
        if (request instanceof Request.ListTools || request instanceof Request.CallTool) {
            return mcp.send(request);
        }
        if (request instanceof Request.Infer) {
            return model.send(request);
        }
        return plant((Request.Plant) request);
    }

    private Reply plant(Request.Plant p) throws InterruptedException {
        long start = System.nanoTime();
        ObjectNode body = LabHttp.JSON.createObjectNode();
        String path;
        switch (p.channel()) {
            case "rag", "web" -> {
                path = "/rag/documents";
                body.put("id", p.name()).put("title", p.name()).put("content", p.content());
            }
            case "file" -> {
                path = "/files";
                body.put("path", p.name()).put("content", p.content());
            }
            case "memory" -> {
                path = "/memory";
                body.put("id", p.name()).put("content", p.content());
            }
            case "tool" -> {
                path = "/mcp/tools";
                body.put("name", p.name()).put("description", p.content());
            }
            default -> {
                return reply(
                        Reply.Outcome.UNSUPPORTED,
                        "the lab takes planted content on the channels rag, web, file, memory and tool, not "
                                + p.channel(),
                        start);
            }
        }
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return new Reply(
                        Reply.Outcome.OK,
                        Optional.of("planted " + p.name() + " (" + p.channel() + ")"),
                        Optional.empty(),
                        List.of(),
                        new Reply.Usage(1, 0, 0),
                        Duration.ofNanos(System.nanoTime() - start),
                        "");
            }
            return reply(Reply.Outcome.ERROR, "HTTP " + r.statusCode() + ": " + r.body(), start);
        } catch (java.net.http.HttpTimeoutException e) {
            return reply(Reply.Outcome.TIMEOUT, "no answer from the lab within " + timeout.toMillis() + " ms", start);
        } catch (java.io.IOException e) {
            return reply(Reply.Outcome.ERROR, "cannot reach the lab at " + base + ": " + e, start);
        }
    }

    private static Reply reply(Reply.Outcome o, String detail, long start) {
        return new Reply(
                o,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                new Reply.Usage(1, 0, 0),
                Duration.ofNanos(System.nanoTime() - start),
                detail);
    }

    @Override
    public void close() {
        agent.close();
        mcp.close();
        model.close();
        owned.ifPresent(Lab::close);
    }
}
