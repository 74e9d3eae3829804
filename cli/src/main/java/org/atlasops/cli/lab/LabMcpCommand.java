package org.atlasops.cli.lab;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.emulate.lab.LabMcpStdio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code atlas-ops lab mcp}: the lab's MCP tools over stdio. */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve the lab's MCP tools over stdio, for an MCP client to start: list_files and read_file over a "
                    + "sandbox folder (paths cannot leave it) and send_mail, which only records into an outbox. "
                    + "Runs until stdin closes; stdout carries only MCP messages.",
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops lab mcp --sandbox ./lab-files --outbox ./outbox.jsonl",
            "  atlas-ops emulate run --target mcp --target-option \"command=atlas-ops lab mcp\""
        })
final class LabMcpCommand implements Callable<Integer> {
    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "7",
            description = "Seed of the credential in the sandbox's config.env (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sandbox",
            paramLabel = "DIR",
            description = "Folder the file tools read (default: a fresh temporary folder with the lab's files).")
    Path sandbox;

    @Option(
            names = "--outbox",
            paramLabel = "FILE",
            description = "Append every mail 'sent' to this file (JSON lines).")
    Path outbox;

    @Option(
            names = "--poisoned",
            description = "Add get_weather, a tool with hidden instructions in its description (tool poisoning).")
    boolean poisoned;

    @Override
    public Integer call() throws Exception {
        if (outbox != null && java.nio.file.Files.isDirectory(outbox)) {
            throw new org.atlasops.cli.UserException(
                    "--outbox " + outbox + ": is a folder; give the file the lab appends its mails to");
        }
        LabMcpStdio.serve(
                seed, Optional.ofNullable(sandbox), Optional.ofNullable(outbox), poisoned, System.in, System.out);
        return ExitCodes.OK;
    }
}
