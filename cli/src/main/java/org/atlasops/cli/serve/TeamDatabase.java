package org.atlasops.cli.serve;

import java.nio.file.Path;
import java.util.Optional;
import org.atlasops.cli.UserException;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.store.Database;
import picocli.CommandLine.Option;

/** Where the team data is: {@code --db} and {@code --db-user} (password from the environment), else H2 in the data dir. */
final class TeamDatabase {
    @Option(
            names = "--db",
            paramLabel = "JDBC-URL",
            description = "Database for team data: jdbc:postgresql://HOST:PORT/DB (default: H2 in the data dir).")
    String db;

    @Option(names = "--db-user", paramLabel = "NAME", description = "Database user (PostgreSQL).")
    String dbUser;

    /** The database the user named; empty for the default H2 file in the data directory. */
    Optional<Database.Location> named() {
        if (db == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Database.Location(
                    db, Optional.ofNullable(dbUser), Optional.ofNullable(System.getenv("ATLAS_OPS_DB_PASSWORD"))));
        } catch (BadInputException e) {
            throw new UserException("--db: " + e.getMessage());
        }
    }

    Database.Location location(Path dataDir) {
        return named().orElseGet(() -> Database.Location.h2In(dataDir));
    }
}
