package org.atlasops.cli.lab;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops lab}: the training range. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A deliberately vulnerable, deterministic LLM app to practise ATLAS techniques on and to test emulation "
                    + "procedures without a model: an OpenAI-compatible chat API with a secret in its system prompt, "
                    + "a RAG store, MCP tools over a sandbox folder and an outbox, and a small classifier.",
            "It is a training range, never a stand-in for results against a real model (docs/emulate-lab.md)."
        },
        subcommands = {LabServeCommand.class, LabMcpCommand.class})
public final class LabCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
