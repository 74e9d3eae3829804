package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.atlasops.navigator.Layer;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin backup} while the server runs, {@code admin restore} once it is stopped (issue 17, section 1). */
class AdminCliTest {
    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileServingIsRestoredAfterTheServerStops() {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("team.sql.gz");
        long layer;
        try (AtlasServer server = AtlasServer.start(
                new ServerOptions("127.0.0.1", 0, data, Optional.empty(), false, "5.6.0", List.of()))) {
            User ana = server.database().users().create("ana", Role.ANALYST);
            layer = server.database()
                    .layers()
                    .create(ana, Layer.empty("coverage", "5.6.0"))
                    .id();

            Cli b = Cli.run("--data-dir", data.toString(), "admin", "backup", backup.toString());
            assertThat(b.code()).as(b.err()).isZero();
            assertThat(b.out()).contains("backed up").contains(backup.toString());
            assertThat(backup).exists();

            server.database().users().delete("ana");
            Cli refused = Cli.run("--data-dir", data.toString(), "admin", "restore", backup.toString());
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err())
                    .hasLineCount(1)
                    .contains("cannot restore now")
                    .contains("in use by another");
        }
        Cli r = Cli.run("--data-dir", data.toString(), "admin", "restore", backup.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("the replaced database is kept as");
        try (Database db = Database.open(Database.Location.h2In(data))) {
            assertThat(db.users().find("ana")).isPresent();
            assertThat(db.layers().get(layer).name()).isEqualTo("coverage");
        }
    }

    @Test
    void aBackupNeverOverwritesAndARestoreNeedsABackup() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(Database.Location.h2In(data))) {
            db.users().create("root", Role.ADMIN);
        }
        Path existing = Files.writeString(dir.resolve("existing.gz"), "keep me");
        Cli b = Cli.run("--data-dir", data.toString(), "admin", "backup", existing.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("already exists").hasLineCount(1);
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Cli r = Cli.run("--data-dir", data.toString(), "admin", "restore", existing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not an atlas-ops backup").hasLineCount(1);
        Cli pg = Cli.run(
                "--data-dir",
                data.toString(),
                "admin",
                "backup",
                "--db",
                "jdbc:postgresql://127.0.0.1:1/x",
                dir.resolve("pg.gz").toString());
        assertThat(pg.code()).isEqualTo(2);
    }
}
