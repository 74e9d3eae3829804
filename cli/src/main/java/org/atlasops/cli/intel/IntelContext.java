package org.atlasops.cli.intel;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.store.Database;
import picocli.CommandLine.Option;

/** What the intel commands share: the team database ({@code --db}, else H2 in the data dir) and input checks. */
final class IntelContext {
    @Option(
            names = "--db",
            paramLabel = "JDBC-URL",
            description = "Database of the incident register: jdbc:postgresql://HOST:PORT/DB (default: H2 in the data "
                    + "dir, shared with 'atlas-ops serve').")
    String db;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            description = "Database user (PostgreSQL); the password comes " + "from ATLAS_OPS_DB_PASSWORD.")
    String dbUser;

    Database open(AtlasOpsCommand root) {
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
        return Database.open(location);
    }

    /** Who the audit log names for a change made from the command line. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** A file to read: it must exist, be a file and not be empty. */
    static String readText(Path file) {
        if (!Files.exists(file)) {
            throw new UserException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new UserException(file + ": is a folder; give a file");
        }
        try {
            if (Files.size(file) > 16L * 1024 * 1024) {
                throw new UserException(file + ": larger than 16 MiB; an incident file is a few KiB");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new UserException(file + ": empty; give a case-study YAML file or a STIX 2.1 bundle");
            }
            var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            try {
                return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UserException(file + ": not UTF-8 text; give a case-study YAML file or a STIX 2.1 bundle");
            }
        } catch (java.io.IOException e) {
            throw new UserException(file + ": cannot be read: " + e.getMessage());
        }
    }

    static void warnIssues(
            KnowledgeBase kb, java.util.List<org.atlasops.intel.incident.Check.Issue> issues, PrintWriter err) {
        for (var i : issues) {
            err.println("atlas-ops: " + i + " (ATLAS " + kb.version() + ")");
        }
    }
}
