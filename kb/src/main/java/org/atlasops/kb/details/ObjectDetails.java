package org.atlasops.kb.details;

import java.util.List;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.crosswalk.CrosswalkEntry;

/**
 * Everything atlas-ops shows about one ATLAS object: the object, the objects it names or that name it, and its
 * crosswalk. {@code kb show} (text and JSON), the web page and the REST API render these records and nothing else,
 * so they always agree. Build them with {@link Details}.
 */
public sealed interface ObjectDetails permits TacticDetails, TechniqueDetails, MitigationDetails, CaseStudyDetails {
    /** The ATLAS release ({@code version}) the details come from. */
    String release();

    AtlasObject object();

    /** The name as ATLAS shows it: a sub-technique's with its parent's. */
    String displayName();

    /** Links to other frameworks (and, through them, to other ATLAS objects). */
    List<CrosswalkEntry> crosswalk();

    /**
     * The IDs of every other ATLAS object these details name (relations and ATLAS crosswalk entries), without the
     * object's own, in order of first appearance.
     */
    Set<AtlasId> relatedIds();
}
