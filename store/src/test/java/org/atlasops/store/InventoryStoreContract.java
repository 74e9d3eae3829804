package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory store on every database: H2 ({@link H2InventoryStoreTest}) and PostgreSQL
 * ({@link PostgresInventoryStoreIT}).
 */
abstract class InventoryStoreContract {
    protected Database db;
    /** The store's clock: moved by hand, so times are known and no test waits for one to pass. */
    protected final HandClock clock = new HandClock(Instant.parse("2026-12-03T12:00:00Z"));

    /** An empty database whose store stamps changes with {@code clock}. */
    protected abstract Database openEmpty(Clock clock) throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmpty(clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String yaml(String id, String exposure) {
        return "id: " + id + "\nexposure: " + exposure + "\n# é, kept as written\n";
    }

    @Test
    void inventoriesKeepEveryRevisionWhoChangedThemAndTheAuditTrail() {
        StoredInventory created =
                db.inventories().create("support-bot", "Support bot", yaml("support-bot", "public"), "alice");
        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.createdBy()).isEqualTo("alice");
        assertThat(created.updatedBy()).isEqualTo("alice");
        assertThat(created.updatedAt()).isEqualTo(clock.instant());
        assertThat(db.inventories().get("support-bot").yaml()).isEqualTo(yaml("support-bot", "public"));

        clock.advance(Duration.ofMinutes(5));
        StoredInventory updated = db.inventories()
                .update("support-bot", "Support bot v2", yaml("support-bot", "internal"), Optional.of(1), "bob");
        assertThat(updated.revision()).isEqualTo(2);
        assertThat(updated.name()).isEqualTo("Support bot v2");
        assertThat(updated.createdBy()).isEqualTo("alice");
        assertThat(updated.updatedBy()).isEqualTo("bob");
        assertThat(updated.updatedAt()).isEqualTo(created.updatedAt().plus(Duration.ofMinutes(5)));
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(db.inventories().revision("support-bot", 1)).contains(yaml("support-bot", "public"));
        assertThat(db.inventories().revision("support-bot", 3)).isEmpty();

        assertThatThrownBy(() -> db.inventories()
                        .update("support-bot", "late", yaml("support-bot", "public"), Optional.of(1), "carol"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is at revision 2, not 1");
        assertThat(db.inventories().get("support-bot").revision()).isEqualTo(2);

        db.inventories().delete("support-bot", "alice");
        assertThat(db.inventories().find("support-bot")).isEmpty();
        assertThat(db.audit().recent(10))
                .extracting(e -> e.actor() + " " + e.action() + " " + e.target())
                .containsExactly(
                        "alice inventory.delete inventory:support-bot",
                        "bob inventory.update inventory:support-bot",
                        "alice inventory.create inventory:support-bot");
    }

    @Test
    void aSystemIdIsSavedOnceAndListedNewestChangeFirst() {
        db.inventories().create("a", "A", yaml("a", "public"), "alice");
        db.inventories().create("b", "B", yaml("b", "public"), "alice");
        assertThatThrownBy(() -> db.inventories().create("a", "again", yaml("a", "public"), "bob"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'a' is already saved");
        // a change a second later sorts first (the clock ticks only when moved, so the order is the times')
        clock.advance(Duration.ofSeconds(1));
        db.inventories().update("a", "A", yaml("a", "internal"), Optional.empty(), "bob");
        assertThat(db.inventories().list(0, 10))
                .extracting(StoredInventory::systemId)
                .containsExactly("a", "b");
        assertThat(db.inventories().list(1, 10))
                .extracting(StoredInventory::systemId)
                .containsExactly("b");
        assertThat(db.inventories().count()).isEqualTo(2);
    }

    @Test
    void unknownAndMalformedIdsAreNamed() {
        assertThatThrownBy(() -> db.inventories().get("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no inventory 'nope'");
        assertThatThrownBy(() -> db.inventories().delete("nope", "alice")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.inventories().update("nope", "n", "id: nope", Optional.empty(), "alice"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.inventories().create("has space", "n", "x", "alice"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a system id");
        assertThat(db.audit().recent(10)).isEmpty();
    }
}
