package org.atlasops.server.assess;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.atlasops.store.StoredInventory;

/** The bodies of {@code /api/v1/assess/inventories}. */
final class InventoryJson {
    private InventoryJson() {}

    /** One saved inventory in a list: which system, its revision, who changed it last and when. */
    record InventorySummary(
            String id,
            String name,
            int revision,
            @JsonProperty("updated_by") String updatedBy,
            @JsonProperty("updated_at") Instant updatedAt) {
        static InventorySummary of(StoredInventory s) {
            return new InventorySummary(s.systemId(), s.name(), s.revision(), s.updatedBy(), s.updatedAt());
        }
    }

    record InventoryList(long total, List<InventorySummary> inventories) {}

    /**
     * A saved inventory: its fields as JSON, and the saved YAML as the CLI reads it ({@code ?format=yaml} sends the
     * YAML alone).
     */
    record InventoryView(
            String id,
            String name,
            int revision,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_by") String updatedBy,
            @JsonProperty("updated_at") Instant updatedAt,
            InventoryDocument inventory,
            String yaml) {
        static InventoryView of(StoredInventory s) {
            return new InventoryView(
                    s.systemId(),
                    s.name(),
                    s.revision(),
                    s.createdBy(),
                    s.createdAt(),
                    s.updatedBy(),
                    s.updatedAt(),
                    InventoryForm.fromText(s.yaml()).document(),
                    s.yaml());
        }
    }
}
