package org.atlasops.cli.intel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intel incident}: the team's incident register. */
@Command(
        name = "incident",
        mixinStandardHelpOptions = true,
        description = "The team's incidents in ATLAS case-study form, with the SOC timeline, assets, alerts and a TLP "
                + "marking; every change is in the audit log.",
        subcommands = {
            IncidentAddCommand.class,
            IncidentListCommand.class,
            IncidentShowCommand.class,
            IncidentExportCommand.class,
            IncidentPublishCommand.class,
            IncidentImportCommand.class,
            IncidentAnonymiseCommand.class
        })
public final class IncidentCommand implements Runnable {
    @ParentCommand
    IntelCommand intel;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
