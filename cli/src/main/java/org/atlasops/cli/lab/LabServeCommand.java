package org.atlasops.cli.lab;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.emulate.lab.Guard;
import org.atlasops.emulate.lab.Lab;
import org.atlasops.emulate.lab.LabOptions;
import org.atlasops.emulate.lab.LabTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas-ops lab serve}: the lab on HTTP until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start the lab on HTTP (loopback only unless --host says otherwise) and print its base URL. Endpoints: "
                    + "/v1/chat/completions (OpenAI-compatible, with tools), /rag/documents, /files, /outbox, /mcp "
                    + "(MCP, streamable HTTP; /mcp/poisoned adds a poisoned tool), /model/predict, /lab/truth.",
            "The same --seed gives the same secrets and answers. Stop it with Ctrl-C."
        },
        footer = {
            "",
            "Guards (what stands between a request and the lab's model):",
            "  none      nothing: every vulnerability is open",
            "  keyword   a block list of attack phrases: catches plain attacks, misses encodings and rephrasing",
            "  detector  atlas-ops' own prompt-attack detector on user messages, documents and tool results",
            "",
            "Examples:",
            "  atlas-ops lab serve",
            "  atlas-ops lab serve --port 8931 --guard detector --seed 42",
            "  atlas-ops emulate run --target lab --target-option base-url=http://127.0.0.1:8931"
        })
final class LabServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). The lab is vulnerable on purpose: keep it "
                    + "on loopback.")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8931",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--guard",
            paramLabel = "LEVEL",
            defaultValue = "none",
            description = "none, keyword or detector (default: ${DEFAULT-VALUE}).")
    String guard;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "7",
            description = "Seed of the secrets, the canary and the classifier's data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sandbox",
            paramLabel = "DIR",
            description = "Folder the file tools read (default: a fresh temporary folder with the lab's files).")
    Path sandbox;

    @Option(
            names = "--outbox",
            paramLabel = "FILE",
            description = "Also append every mail the lab 'sends' to this file (JSON lines).")
    Path outbox;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserException("--port " + port + " is not a TCP port (0-65535)");
        }
        if (outbox != null && java.nio.file.Files.isDirectory(outbox)) {
            throw new org.atlasops.cli.UserException(
                    "--outbox " + outbox + ": is a folder; give the file the lab appends its mails to");
        }
        Guard g = LabTargets.guard(guard, Map.of("detector", DetectorGuard.bundled()));
        Lab lab = Lab.start(
                new LabOptions(host, port, g, seed, Optional.ofNullable(sandbox), Optional.ofNullable(outbox)));
        PrintWriter out = spec.commandLine().getOut();
        out.println("atlas-ops: lab at " + lab.baseUrl() + " (guard " + g.name() + ", seed " + seed + ")");
        out.println("atlas-ops: chat API " + lab.baseUrl() + "/v1 (model atlas-lab-1), MCP " + lab.baseUrl() + "/mcp");
        out.println("atlas-ops: sandbox " + lab.sandbox());
        if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
            spec.commandLine()
                    .getErr()
                    .println("atlas-ops: warning: the lab listens on " + host + ", not loopback: anyone who reaches it "
                            + "can read its secrets and sandbox");
        }
        out.println("atlas-ops: a training range, deliberately vulnerable; press Ctrl-C to stop");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            lab.close();
                            stopped.countDown();
                        },
                        "atlas-ops-lab-stop"));
        stopped.await();
        return ExitCodes.OK;
    }
}
