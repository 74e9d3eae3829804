package org.atlasops.cli.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.server.AtlasServer;
import org.atlasops.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops admin}: backup and restore of the team data. */
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Back up and restore the team data of the web app (users, tokens, layers with their history, audit log); "
                    + "docs/web.md, Backup and restore."
        },
        subcommands = {AdminCommand.Backup.class, AdminCommand.Restore.class})
public final class AdminCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code atlas-ops admin backup FILE}. */
    @Command(
            name = "backup",
            mixinStandardHelpOptions = true,
            description = {
                "Write a consistent copy of the H2 team data to FILE (gzip-compressed SQL, mode 0600), also while "
                        + "'serve' runs. Later versions restore it. For PostgreSQL use pg_dump.",
            },
            footer = {"", "Example:", "  atlas-ops admin backup ~/backups/atlas-ops-$(date +%%F).sql.gz"})
    static final class Backup implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;

        @Mixin
        TeamDatabase database;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Where to write the backup (must not exist).")
        Path file;

        @Override
        public Integer call() {
            try (Database db = Database.open(database.location(parent.root.dataDir()))) {
                long size = db.backup(file);
                PrintWriter out = spec.commandLine().getOut();
                out.println("atlas-ops: backed up " + db.describe() + " to " + file.toAbsolutePath() + " (" + size
                        + " bytes)");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code atlas-ops admin restore FILE}. */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = {
                "Replace the H2 team data of the data directory with a backup made by 'admin backup' (of this version "
                        + "or an earlier one: the data is then upgraded). Stop 'serve' first. The replaced database is "
                        + "kept beside it.",
            },
            footer = {"", "Example:", "  atlas-ops admin restore ~/backups/atlas-ops-2026-12-01.sql.gz"})
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A backup made by 'atlas-ops admin backup'.")
        Path file;

        @Override
        public Integer call() {
            Path dataDir = parent.root.dataDir();
            Optional<Path> kept;
            try {
                kept = AtlasServer.whileHolding(dataDir, () -> Database.restore(dataDir, file));
            } catch (ConflictException e) {
                throw new UserException("cannot restore now: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("atlas-ops: restored " + file.toAbsolutePath() + " into " + dataDir.toAbsolutePath()
                    + kept.map(k -> "; the replaced database is kept as " + k).orElse(""));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
