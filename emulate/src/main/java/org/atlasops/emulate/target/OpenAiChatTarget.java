package org.atlasops.emulate.target;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An LLM application behind an OpenAI-compatible chat-completions API. The API key comes from the environment
 * (see {@link Targets}), never from the command line. A content filter's HTTP 400/403 or a {@code content_filter}
 * finish reason is {@link Reply.Outcome#BLOCKED}; 5xx and refused connections are {@code ERROR}; an answer that is
 * not the API's JSON is {@code MALFORMED}; token usage comes from the answer's {@code usage}.
 */
public final class OpenAiChatTarget implements Target {
    private final String name;
    private final ChatClient chat;

    public OpenAiChatTarget(String name, URI baseUrl, String model, Optional<String> apiKey, Duration timeout) {
        this.name = name;
        this.chat = new ChatClient(baseUrl, model, apiKey, new Http(timeout));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.CHAT);
    }

    @Override
    public Reply send(Request request) throws InterruptedException {
        long start = System.nanoTime();
        if (!(request instanceof Request.Chat c)) {
            return Replies.unsupported(request, name, start);
        }
        ChatClient.Completion done = chat.complete(ChatClient.messages(c), Optional.empty());
        return new Reply(
                done.outcome(),
                done.outcome() == Reply.Outcome.OK ? done.text() : Optional.empty(),
                done.message().map(m -> m),
                List.of(),
                done.usage(),
                Replies.since(start),
                done.detail());
    }

    @Override
    public void close() {
        // the JDK client holds no resources that outlive it
    }
}
