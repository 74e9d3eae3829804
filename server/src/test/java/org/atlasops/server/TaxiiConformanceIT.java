package org.atlasops.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The TAXII 2.1 conformance walk against a running server with its team data in H2. */
class TaxiiConformanceIT extends TaxiiConformance {
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        s = new ServerFixture(dir, false);
        createUsers();
    }

    @AfterAll
    static void stop() {
        s.close();
    }
}
