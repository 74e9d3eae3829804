package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.atlasops.intel.taxii.ObjectVersion;
import org.atlasops.intel.taxii.StoredStatus;
import org.atlasops.intel.taxii.TeamCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TAXII store on every database: H2 ({@link H2TaxiiStoreTest}) and PostgreSQL ({@link PostgresTaxiiStoreIT}). */
abstract class TaxiiStoreContract {
    protected Database db;

    protected abstract Database openEmpty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmpty();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static final String ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    private static final Instant ADDED = Instant.parse("2026-12-03T10:00:00.123456Z");

    private static ObjectVersion v(Instant version) {
        return new ObjectVersion(ID, "indicator", version, "2.1", ADDED, "{\"id\": \"" + ID + "\", \"x\": \"é\"}");
    }

    private TeamCollection collection() {
        TeamCollection c = new TeamCollection(
                "0b8c4a9e-3f5d-4a1e-9a51-2f7d1c0e6b11",
                "Shared",
                "for partners",
                Optional.of("shared"),
                Set.of("role:viewer", "user:pat"),
                Set.of("user:alice"));
        db.taxii().create(c, "root");
        return c;
    }

    @Test
    void collectionsKeepTheirGrants() {
        TeamCollection c = collection();
        assertThat(db.taxii().collection(c.id())).contains(c);
        assertThat(db.taxii().collections()).containsExactly(c);
        assertThat(db.audit().recent(1).get(0).action()).isEqualTo("taxii.collection.create");
    }

    @Test
    void everyVersionIsKeptOnceToTheMicrosecond() {
        TeamCollection c = collection();
        Instant v1 = Instant.parse("2026-01-01T00:00:00.000001Z");
        Instant v2 = Instant.parse("2026-02-01T00:00:00Z");
        assertThat(db.taxii().add(c.id(), List.of(v(v1), v(v2), v(v1)))).containsExactly(true, true, false);
        assertThat(db.taxii().add(c.id(), List.of(v(v2)))).containsExactly(false);
        assertThat(db.taxii().versions(c.id())).containsExactly(v(v1), v(v2));
    }

    @Test
    void aDeletionAndItsAuditEntryAreWrittenTogether() {
        TeamCollection c = collection();
        Instant v1 = Instant.parse("2026-01-01T00:00:00Z");
        db.taxii().add(c.id(), List.of(v(v1)));
        assertThat(db.taxii().delete(c.id(), ID, List.of(v1), "alice")).isEqualTo(1);
        assertThat(db.taxii().versions(c.id())).isEmpty();
        AuditEntry e = db.audit().recent(1).get(0);
        assertThat(e.actor()).isEqualTo("alice");
        assertThat(e.action()).isEqualTo("taxii.object.delete");
        assertThat(e.target()).contains(ID);
    }

    @Test
    void statusesAreKept() {
        StoredStatus s = new StoredStatus("5f0e1a7c-1b2d-4c3e-8f90-a1b2c3d4e5f6", "team", "alice", "{\"a\":1}");
        db.taxii().saveStatus(s);
        assertThat(db.taxii().status(s.id())).contains(s);
        assertThat(db.taxii().status("nope")).isEmpty();
    }
}
