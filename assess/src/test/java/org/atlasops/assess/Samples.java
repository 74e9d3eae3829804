package org.atlasops.assess;

import java.nio.file.Files;
import java.nio.file.Path;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;

/** The documented example system under samples/, and the bundled releases, for tests. */
public final class Samples {
    private Samples() {}

    public static Path dir() {
        Path p = Path.of("..", "samples", "assess");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("run the tests from the module folder: no " + p.toAbsolutePath());
        }
        return p;
    }

    public static Path supportBot() {
        return dir().resolve("support-bot.yaml");
    }

    public static KnowledgeBase release(String version) {
        return ReleaseCatalog.bundledOnly().load(version);
    }

    public static KnowledgeBase latest() {
        return release("5.6.0");
    }

    public static SystemInventory supportBotInventory() {
        return InventoryReader.read(supportBot(), latest()).orThrow();
    }
}
