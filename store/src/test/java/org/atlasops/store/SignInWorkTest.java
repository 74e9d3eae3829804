package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password check does the same work whether the name exists or not: the slow hash runs once for every check, so
 * the answer's timing does not tell which names are users. Counted, not timed, so the test is exact.
 */
class SignInWorkTest {
    @TempDir
    Path dir;

    Database db;

    @BeforeEach
    void open() {
        db = Database.open(Database.Location.h2In(dir.resolve("data")));
        db.users().create("has-password", Role.VIEWER);
        db.users().setPassword("has-password", "correct horse battery");
        db.users().create("never-set-one", Role.VIEWER);
        db.users().checkPassword("warm-up", "x"); // the stand-in hash is made on first use
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyPasswordCheckRunsTheHashOnce() {
        assertThat(hashesFor("has-password", "wrong password!"))
                .as("a real name, wrong password")
                .isEqualTo(1);
        assertThat(hashesFor("has-password", "correct horse battery"))
                .as("the right password")
                .isEqualTo(1);
        assertThat(hashesFor("nobody-by-this-name", "wrong password!"))
                .as("an unknown name")
                .isEqualTo(1);
        assertThat(hashesFor("never-set-one", "wrong password!"))
                .as("a user without a password")
                .isEqualTo(1);
        assertThat(hashesFor("nobody-by-this-name", null))
                .as("no password at all")
                .isEqualTo(1);
    }

    @Test
    void theStandInNeverLetsAnyoneIn() {
        assertThat(db.users().checkPassword("never-set-one", "")).isEmpty();
        assertThat(db.users().checkPassword("nobody", "")).isEmpty();
        assertThat(db.users().checkPassword("has-password", null)).isEmpty();
    }

    private long hashesFor(String name, String password) {
        long before = Secrets.passwordHashesComputed();
        db.users().checkPassword(name, password);
        return Secrets.passwordHashesComputed() - before;
    }
}
