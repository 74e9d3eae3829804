package org.atlasops.server;

import java.util.Optional;
import org.atlasops.store.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inventory editor's API and page tests again, with the team data on a real PostgreSQL server instead of H2. */
class PostgresInventoryEditorIT extends InventoryEditorTest {
    private static PostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        startOn(Optional.of(postgres.newDatabase()));
    }

    @AfterAll
    static void stop() throws Exception {
        s.close();
        postgres.close();
    }
}
