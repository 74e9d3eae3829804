package org.atlasops.emulate.lab;

import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The lab's MCP tools over stdio ({@code atlas-ops lab mcp}): the same tools as the HTTP endpoint, on this process's
 * stdin and stdout, until stdin closes. Mail goes to the outbox file when one is given (JSON lines).
 */
public final class LabMcpStdio {
    private LabMcpStdio() {}

    /**
     * Serves until {@code in} ends. {@code sandbox} empty: a fresh temporary folder with the lab's files, removed
     * when the server stops.
     */
    public static void serve(
            long seed,
            Optional<Path> sandbox,
            Optional<Path> outbox,
            boolean poisoned,
            InputStream in,
            OutputStream out)
            throws IOException, InterruptedException {
        Path root = sandbox.isPresent() ? sandbox.get() : Files.createTempDirectory("atlas-ops-lab-mcp-");
        // a temporary sandbox goes when the server does, also when its client ends it with a signal
        Thread cleanup = new Thread(() -> Lab.deleteTree(root), "atlas-ops-lab-mcp-cleanup");
        if (sandbox.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        Sandbox box = new Sandbox(root).seed(LabTruth.of(seed));
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(LabHttp.JSON);
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new InputStream() {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                    ended.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, watched, out))
                .serverInfo(poisoned ? "atlas-ops-lab-poisoned" : "atlas-ops-lab", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(new LabTools(box, new Outbox(outbox), poisoned).stateful(mapper))
                .build();
        try {
            ended.await();
        } finally {
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                server.close();
            }
            if (sandbox.isEmpty()) {
                Lab.deleteTree(root);
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook runs anyway
                }
            }
        }
    }
}
