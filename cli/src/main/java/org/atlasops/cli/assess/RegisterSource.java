package org.atlasops.cli.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.UserException;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.store.Database;
import org.atlasops.store.IncidentStore;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Option;

/** {@code --register} and where the register is: opened as the {@code intel incident} commands do. */
final class RegisterSource {
    @Option(
            names = "--register",
            description = "Use the incidents of the incident register (the data dir's database, or --db).")
    boolean register;

    @Option(
            names = "--db",
            paramLabel = "JDBC-URL",
            description = "With --register: jdbc:postgresql://HOST:PORT/DB (default: H2 in the data dir); the "
                    + "password comes from ATLAS_OPS_DB_PASSWORD.")
    String db;

    @Option(names = "--db-user", paramLabel = "NAME", description = "With --register: database user (PostgreSQL).")
    String dbUser;

    /** A user mistake when --db or --db-user come without --register. */
    void check() {
        if (!register && (db != null || dbUser != null)) {
            throw new UserException("--db and --db-user go with --register");
        }
    }

    /** Every incident of the register, a page at a time. */
    List<RegisterTimelines.Entry> entries(AtlasOpsCommand root) {
        Database.Location location;
        if (db == null) {
            location = Database.Location.h2In(root.dataDir());
        } else {
            try {
                location = new Database.Location(
                        db, Optional.ofNullable(dbUser), Optional.ofNullable(System.getenv("ATLAS_OPS_DB_PASSWORD")));
            } catch (BadInputException e) {
                throw new UserException("--db: " + e.getMessage());
            }
        }
        List<RegisterTimelines.Entry> entries = new ArrayList<>();
        try (Database database = Database.open(location)) {
            for (int offset = 0; ; offset += IncidentStore.MAX_PAGE) {
                List<StoredIncident> page = database.incidents().list(offset, IncidentStore.MAX_PAGE);
                page.forEach(s -> entries.add(new RegisterTimelines.Entry(s.label(), s.incident())));
                if (page.size() < IncidentStore.MAX_PAGE) {
                    return entries;
                }
            }
        }
    }
}
