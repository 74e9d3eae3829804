package org.atlasops.emulate.lab;

import com.sun.net.httpserver.HttpExchange;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * MCP's streamable HTTP transport, stateless form, on the JDK's HTTP server: each POST carries one JSON-RPC message;
 * a request is answered with its JSON-RPC response as {@code application/json}, a notification with 202. GET (a
 * server-to-client stream) is not offered: 405, which clients accept.
 */
final class HttpMcpTransport implements McpStatelessServerTransport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final McpJsonMapper mapper;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;
    private volatile Runnable afterList = () -> {};

    HttpMcpTransport(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Runs after each answered {@code tools/list} (the rug pull changes a tool once it has been listed). */
    void afterList(Runnable r) {
        this.afterList = r;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    void handle(HttpExchange x, String body) throws IOException {
        if (!x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().set("Allow", "POST");
            LabHttp.send(x, 405, "application/json", "{\"error\":\"POST JSON-RPC messages here\"}");
            return;
        }
        if (closing || handler == null) {
            LabHttp.send(x, 503, "application/json", "{\"error\":\"shutting down\"}");
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, body);
        } catch (IOException | IllegalArgumentException e) {
            LabHttp.send(
                    x,
                    400,
                    "application/json",
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"not a JSON-RPC message\"}}");
            return;
        }
        McpTransportContext context = McpTransportContext.EMPTY;
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                    .block(TIMEOUT);
            LabHttp.send(x, 200, "application/json", mapper.writeValueAsString(response));
            if (McpSchema.METHOD_TOOLS_LIST.equals(request.method())) {
                afterList.run();
            }
        } else if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification)
                    .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                    .block(TIMEOUT);
            x.sendResponseHeaders(202, -1);
            x.close();
        } else {
            LabHttp.send(x, 400, "application/json", "{\"error\":\"requests or notifications only\"}");
        }
    }
}
