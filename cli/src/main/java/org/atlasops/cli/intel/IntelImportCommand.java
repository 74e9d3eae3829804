package org.atlasops.cli.intel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intel import}: public sources for the risk database. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Public sources for the AI risk database: a newer clone of AVID, or an AIID snapshot.",
        subcommands = {AvidImportCommand.class, AiidImportCommand.class})
public final class IntelImportCommand implements Runnable {
    @ParentCommand
    IntelCommand intel;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
