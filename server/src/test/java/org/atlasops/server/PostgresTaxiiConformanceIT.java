package org.atlasops.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.atlasops.store.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The TAXII 2.1 conformance walk again, with the team data on a real PostgreSQL server. */
class PostgresTaxiiConformanceIT extends TaxiiConformance {
    @TempDir
    static Path dir;

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
