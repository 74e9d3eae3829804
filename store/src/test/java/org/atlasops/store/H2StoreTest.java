package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.atlasops.navigator.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database openEmpty() {
        return Database.open(Database.Location.h2In(dir.resolve("data")));
    }

    @Test
    void dataSurvivesReopening() {
        User u = db.users().create("gina", Role.ADMIN);
        long id = db.layers().create(u, Layer.empty("kept", "5.6.0")).id();
        db.close();
        db = openEmpty();
        assertThat(db.layers().get(id).name()).isEqualTo("kept");
        assertThat(db.users().find("gina")).isPresent();
    }

    @Test
    void unsupportedUrlsAreRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> new Database.Location("jdbc:mysql://x/y", null, null))
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DB");
    }

    @Test
    void theDataDirectoryIsPrivateAndTheDatabaseHasAGeneratedPassword() throws Exception {
        Path data = dir.resolve("data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("atlas-ops.mv.db"))))
                .isEqualTo("rw-------");
        Path passwordFile = data.resolve("atlas-ops.db-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        String password = Files.readString(passwordFile).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        Database.Location location = Database.Location.h2In(data);
        assertThat(location.password()).contains(password);
        assertThat(location.toString()).doesNotContain(password);
        assertThatThrownBy(() ->
                        DriverManager.getConnection(location.url(), "sa", "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }

    @Test
    void aDataDirectoryOfTheOldDefaultOpensAndGetsAPassword() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        // how versions before the generated password opened the database: user sa, empty password
        Database.Location before = new Database.Location(
                "jdbc:h2:file:" + old.resolve("atlas-ops") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                Optional.of("sa"),
                Optional.of(""));
        try (Database first = Database.open(before)) {
            first.users().create("kept", Role.VIEWER);
        }
        Database.Location location = Database.Location.h2In(old);
        try (Database migrated = Database.open(location)) {
            migrated.users().create("ida", Role.ADMIN);
        }
        try (Database again = Database.open(location)) {
            assertThat(again.users().list()).extracting(User::name).containsExactly("ida", "kept");
        }
        assertThatThrownBy(() ->
                        DriverManager.getConnection(location.url(), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aBackupTakenWhileOpenRestoresIntoAnotherDataDirectory() throws Exception {
        User u = db.users().create("jo", Role.ADMIN);
        long id = db.layers().create(u, Layer.empty("backed up", "5.6.0")).id();
        Path file = dir.resolve("backups/team.sql.gz");
        assertThat(db.backup(file)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> db.backup(file)).hasMessageContaining("already exists");
        db.layers().create(u, Layer.empty("after the backup", "5.6.0"));

        Path other = dir.resolve("other");
        try (Database there = Database.open(Database.Location.h2In(other))) {
            there.users().create("someone-else", Role.VIEWER);
        }
        assertThat(Database.restore(other, file))
                .hasValueSatisfying(kept -> assertThat(kept).exists());
        try (Database restored = Database.open(Database.Location.h2In(other))) {
            assertThat(restored.users().list()).extracting(User::name).containsExactly("jo");
            assertThat(restored.layers().get(id).name()).isEqualTo("backed up");
            assertThat(restored.layers().count()).isEqualTo(1);
        }
    }

    @Test
    void aFileThatIsNoBackupLeavesTheDataAsItWas() throws Exception {
        Path other = dir.resolve("other");
        try (Database there = Database.open(Database.Location.h2In(other))) {
            there.users().create("stays", Role.ADMIN);
        }
        Path junk = Files.writeString(dir.resolve("junk.gz"), "not a backup");
        assertThatThrownBy(() -> Database.restore(other, junk)).hasMessageContaining("not an atlas-ops backup");
        try (Database there = Database.open(Database.Location.h2In(other))) {
            assertThat(there.users().list()).extracting(User::name).containsExactly("stays");
        }
    }
}
