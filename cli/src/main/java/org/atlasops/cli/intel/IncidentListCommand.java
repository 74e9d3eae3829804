package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intel incident list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "The registered incidents, newest change first.")
final class IncidentListCommand extends IncidentSubcommand {
    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Option(
            names = {"-n", "--limit"},
            defaultValue = "100",
            description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int execute(Database db) {
        if (limit < 1 || limit > 500) {
            throw new UserException("--limit must be between 1 and 500, was " + limit);
        }
        List<StoredIncident> list = db.incidents().list(0, limit);
        if (format.get().equals("json")) {
            ObjectNode n = JsonOutput.object().put("total", db.incidents().count());
            ArrayNode a = n.putArray("incidents");
            list.forEach(s -> a.add(IncidentJsonOut.summary(s)));
            JsonOutput.print(out(), n);
            return ok();
        }
        if (list.isEmpty()) {
            out().println("No incident yet: 'atlas-ops intel incident add FILE' registers one.");
            return ok();
        }
        Table t = new Table("ID", "DATE", "TYPE", "TLP", "STEPS", "NAME");
        for (StoredIncident s : list) {
            var study = s.incident().study();
            t.row(
                    s.label(),
                    study.date().toString(),
                    study.type().label(),
                    s.incident().tlp().label(),
                    String.valueOf(study.procedure().size()),
                    study.name());
        }
        t.print(out(), Terminal.width());
        return ok();
    }
}
