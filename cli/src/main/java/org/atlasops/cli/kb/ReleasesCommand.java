package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.read.ReleaseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kb releases}: the releases that can be named by version. */
@Command(
        name = "releases",
        mixinStandardHelpOptions = true,
        description = "List the ATLAS releases atlas-ops knows: bundled ones and those imported with 'kb import'.")
final class ReleasesCommand extends KbSubcommand {
    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        var releases = root().catalog().releases();
        if (format.get() == OutputFormat.JSON) {
            ObjectNode n = KbJson.object().put("default", ReleaseCatalog.DEFAULT_VERSION);
            ArrayNode a = n.putArray("releases");
            releases.forEach(r -> a.addObject().put("version", r.version()).put("origin", r.origin()));
            KbJson.print(out(), n);
            return ok();
        }
        Table t = new Table("VERSION", "ORIGIN");
        releases.forEach(r -> t.row(
                r.version() + (r.version().equals(ReleaseCatalog.DEFAULT_VERSION) ? " (default)" : ""), r.origin()));
        t.print(out(), Terminal.width());
        return ok();
    }
}
