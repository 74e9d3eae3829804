package org.atlasops.emulate.testing;

import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;

/** The bundled ATLAS 5.6.0, read once for all tests. */
public final class Kb {
    public static final KnowledgeBase V560 = ReleaseCatalog.bundledOnly().load("5.6.0");

    private Kb() {}
}
