package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
}
