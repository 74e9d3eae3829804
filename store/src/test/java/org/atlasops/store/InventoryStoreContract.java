package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    protected abstract Database openEmpty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmpty();
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
        assertThat(db.inventories().get("support-bot").yaml()).isEqualTo(yaml("support-bot", "public"));

        StoredInventory updated = db.inventories()
                .update("support-bot", "Support bot v2", yaml("support-bot", "internal"), Optional.of(1), "bob");
        assertThat(updated.revision()).isEqualTo(2);
        assertThat(updated.name()).isEqualTo("Support bot v2");
        assertThat(updated.createdBy()).isEqualTo("alice");
        assertThat(updated.updatedBy()).isEqualTo("bob");
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
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
        StoredInventory b = db.inventories().create("b", "B", yaml("b", "public"), "alice");
        assertThatThrownBy(() -> db.inventories().create("a", "again", yaml("a", "public"), "bob"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'a' is already saved");
        // the store's clock ticks in milliseconds: the update must come in a later one to sort first
        while (!java.time.Instant.now().isAfter(b.updatedAt().plusMillis(1))) {
            Thread.onSpinWait();
        }
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
