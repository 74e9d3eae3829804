package org.atlasops.server;

import java.util.List;
import java.util.Optional;
import org.atlasops.store.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every API test again, with the server's team data on a real PostgreSQL server instead of H2. */
class PostgresApiIT extends ApiTest {
    private static PostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        s = new ServerFixture(dir, Optional.of(postgres.newDatabase()), false, List.of());
        createUsers();
    }

    @AfterAll
    static void stop() throws Exception {
        s.close();
        postgres.close();
    }
}
