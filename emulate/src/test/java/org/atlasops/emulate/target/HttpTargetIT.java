package org.atlasops.emulate.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Targets against real HTTP servers that answer well, slowly, with garbage or not at all: every bad answer is a reply
 * with its outcome, never an exception.
 */
class HttpTargetIT {
    HttpServer server;
    final AtomicReference<String> lastBody = new AtomicReference<>();
    /** The slow endpoints answer only when the test is over: longer than any target's timeout, without a fixed sleep. */
    final java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);

    private void holdUntilTheTestEnds() {
        try {
            testOver.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/chat", x -> {
            try (InputStream in = x.getRequestBody()) {
                lastBody.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            answer(x, 200, "{\"result\": {\"output\": [\"Hello, I echo: fine\"]}}");
        });
        server.createContext("/slow", x -> {
            holdUntilTheTestEnds();
            answer(x, 200, "{}");
        });
        server.createContext("/garbage", x -> answer(x, 200, "<html>oops</html>"));
        server.createContext("/empty", x -> answer(x, 200, "{\"result\": {}}"));
        server.createContext(
                "/filtered",
                x -> answer(x, 400, "{\"error\": {\"message\": \"blocked\", \"code\": \"content_filter\"}}"));
        server.createContext("/broken", x -> answer(x, 503, "down"));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    HttpTarget target(String path, Duration timeout) {
        return HttpTarget.of(
                "test",
                url(path),
                "{\"input\": \"{{prompt}}\", \"user\": \"red-team\"}",
                "$.result.output[0]",
                Map.of("X-Test", "1"),
                timeout);
    }

    static Request.Chat chat(String text) {
        return new Request.Chat(List.of(new Request.Message("user", text)));
    }

    @Test
    void thePromptGoesIntoTheTemplateAndTheAnswerComesFromThePath() throws Exception {
        Reply r = target("/chat", Duration.ofSeconds(5)).send(chat("say \"hi\"\nplease"));
        assertThat(r.outcome()).isEqualTo(Reply.Outcome.OK);
        assertThat(r.text()).contains("Hello, I echo: fine");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(lastBody.get())
                        .path("input")
                        .asText())
                .isEqualTo("say \"hi\"\nplease");
    }

    @Test
    void slowGarbageEmptyFilteredAndBrokenAnswersAreOutcomesNotExceptions() throws Exception {
        assertThat(target("/slow", Duration.ofMillis(300)).send(chat("x")).outcome())
                .isEqualTo(Reply.Outcome.TIMEOUT);
        Reply garbage = target("/garbage", Duration.ofSeconds(5)).send(chat("x"));
        assertThat(garbage.outcome()).isEqualTo(Reply.Outcome.MALFORMED);
        assertThat(garbage.detail()).contains("not JSON");
        Reply empty = target("/empty", Duration.ofSeconds(5)).send(chat("x"));
        assertThat(empty.outcome()).isEqualTo(Reply.Outcome.MALFORMED);
        assertThat(empty.detail()).contains("$.result.output[0]");
        assertThat(target("/filtered", Duration.ofSeconds(5)).send(chat("x")).outcome())
                .isEqualTo(Reply.Outcome.BLOCKED);
        assertThat(target("/broken", Duration.ofSeconds(5)).send(chat("x")).outcome())
                .isEqualTo(Reply.Outcome.ERROR);
        assertThat(target("/chat", Duration.ofSeconds(5))
                        .send(new Request.ListTools())
                        .outcome())
                .isEqualTo(Reply.Outcome.UNSUPPORTED);
    }

    @Test
    void theChatTargetSortsTheSameAnswersAndARefusedConnectionIsAnError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        OpenAiChatTarget refused = new OpenAiChatTarget(
                "x", URI.create("http://127.0.0.1:" + closed + "/v1"), "m", Optional.empty(), Duration.ofSeconds(2));
        Reply r = refused.send(chat("hi"));
        assertThat(r.outcome()).isEqualTo(Reply.Outcome.ERROR);
        assertThat(r.detail()).contains("cannot connect");

        server.createContext("/v1/chat/completions", x -> answer(x, 200, "not json at all"));
        OpenAiChatTarget garbage = new OpenAiChatTarget("x", url("/v1"), "m", Optional.empty(), Duration.ofSeconds(2));
        assertThat(garbage.send(chat("hi")).outcome()).isEqualTo(Reply.Outcome.MALFORMED);

        server.createContext("/slow/v1/chat/completions", x -> {
            holdUntilTheTestEnds();
            answer(x, 200, "{}");
        });
        OpenAiChatTarget slow =
                new OpenAiChatTarget("x", url("/slow/v1"), "m", Optional.empty(), Duration.ofMillis(300));
        assertThat(slow.send(chat("hi")).outcome()).isEqualTo(Reply.Outcome.TIMEOUT);
    }

    @Test
    void anMcpServerThatCannotStartIsAnErrorReply() throws Exception {
        try (McpTarget t =
                McpTarget.stdio("ghost", "/nonexistent/mcp-server", List.of(), Map.of(), Duration.ofSeconds(3))) {
            Reply r = t.send(new Request.ListTools());
            assertThat(r.outcome()).isIn(Reply.Outcome.ERROR, Reply.Outcome.TIMEOUT);
            assertThat(r.detail()).contains("ghost");
        }
    }
}
