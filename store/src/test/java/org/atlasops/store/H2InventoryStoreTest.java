package org.atlasops.store;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class H2InventoryStoreTest extends InventoryStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database openEmpty(Clock clock) {
        return Database.open(Database.Location.h2In(dir.resolve("data")), clock);
    }
}
