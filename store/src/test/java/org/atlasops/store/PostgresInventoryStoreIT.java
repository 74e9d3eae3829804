package org.atlasops.store;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inventory store on a real PostgreSQL server started for this test class. */
class PostgresInventoryStoreIT extends InventoryStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Database openEmpty(Clock clock) throws Exception {
        return Database.open(server.newDatabase(), clock);
    }
}
