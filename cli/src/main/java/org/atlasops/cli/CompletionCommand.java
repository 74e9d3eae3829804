package org.atlasops.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a bash/zsh completion script. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {"Print a bash (and zsh) completion script for atlas-ops.", "Use: source <(atlas-ops completion)"
        })
public final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("atlas-ops", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
