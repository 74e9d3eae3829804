package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.TechniqueAnnotation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer too large to keep is refused before anything is written; a stored layer that no longer reads back does
 * not break the list (it is reported in it), and it can still be deleted.
 */
class LayerLimitsTest {
    @TempDir
    Path dir;

    Database db;
    Database.Location location;
    User owner;

    @BeforeEach
    void open() {
        location = Database.Location.h2In(dir.resolve("data"));
        db = Database.open(location);
        owner = db.users().create("erin", Role.ANALYST);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void tooManyEntriesAreRefusedBeforeAnythingIsWritten() {
        List<TechniqueAnnotation> entries = new ArrayList<>();
        for (int i = 0; i <= LayerStore.MAX_ENTRIES; i++) {
            entries.add(TechniqueAnnotation.of("AML.T" + (10_000 + i), Optional.empty()));
        }
        Layer huge = Layer.empty("huge", "5.6.0").withTechniques(entries);
        assertThatThrownBy(() -> db.transaction(tx -> {
                    tx.layers().create(owner, huge);
                    tx.audit().record("erin", "layer.create", "layer ?", "huge");
                    return null;
                }))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(String.valueOf(LayerStore.MAX_ENTRIES + 1))
                .hasMessageContaining("at most " + LayerStore.MAX_ENTRIES);
        assertThat(db.layers().count()).isZero();
        assertThat(db.audit().recent(10)).isEmpty();
        StoredLayer small = db.layers().create(owner, Layer.empty("small", "5.6.0"));
        assertThatThrownBy(() -> db.layers().save(small.id(), huge, Optional.empty(), owner, "grow"))
                .isInstanceOf(BadInputException.class);
        assertThat(db.layers().history(small.id())).hasSize(1);
    }

    @Test
    void aLayerLargerThanTheStoredLimitIsRefused() {
        String comment = "x".repeat(1024 * 1024);
        List<TechniqueAnnotation> entries = new ArrayList<>();
        for (int i = 0; i < LayerStore.MAX_STORED_BYTES / comment.length() + 1; i++) {
            entries.add(TechniqueAnnotation.of("AML.T" + (1000 + i), Optional.empty())
                    .withComment(comment));
        }
        Layer wordy = Layer.empty("wordy", "5.6.0").withTechniques(entries);
        assertThatThrownBy(() -> db.layers().create(owner, wordy))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("at most " + LayerStore.MAX_STORED_BYTES);
        assertThat(db.layers().count()).isZero();
    }

    @Test
    void anUnreadableRowIsReportedInTheListAndCanBeDeleted() throws Exception {
        StoredLayer good = db.layers().create(owner, Layer.empty("good", "5.6.0"));
        StoredLayer bad = db.layers().create(owner, Layer.empty("bad", "5.6.0"));
        try (Connection c = DriverManager.getConnection(
                        location.url(),
                        location.user().orElseThrow(),
                        location.password().orElseThrow());
                PreparedStatement ps =
                        c.prepareStatement("UPDATE layer_revisions SET content = ? WHERE layer_id = ?")) {
            ps.setString(1, "{\"name\": \"bad\", \"techniques\": [");
            ps.setLong(2, bad.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        List<ListedLayer> listed = db.layers().list(0, 10);
        assertThat(listed).extracting(ListedLayer::id).containsExactly(bad.id(), good.id());
        assertThat(listed.get(0)).isInstanceOfSatisfying(UnreadableLayer.class, u -> {
            assertThat(u.name()).isEqualTo("bad");
            assertThat(u.owner()).isEqualTo("erin");
            assertThat(u.problem()).contains("not valid JSON");
        });
        assertThat(listed.get(1)).isInstanceOf(StoredLayer.class);
        assertThat(db.layers().describe(bad.id())).isInstanceOf(UnreadableLayer.class);
        db.layers().delete(bad.id());
        assertThat(db.layers().list(0, 10)).extracting(ListedLayer::id).containsExactly(good.id());
    }
}
