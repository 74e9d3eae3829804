package org.atlasops.server.kb;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;
import java.util.Objects;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.json.Documents;

/**
 * The knowledge-base API's answers that the server builds itself, as records Jackson maps (their OpenAPI schemas
 * are generated from them; the names stay those the hand-written schemas had). The documents of objects, the
 * matrix and diffs are the records of the kb module's one JSON mapping ({@code ObjectJson}, {@code Documents}),
 * shared with the CLI.
 */
final class KbJson {
    private KbJson() {}

    /** {@code GET /api/v1/releases}. */
    @JsonRootName("KbReleases")
    record ReleaseList(
            @JsonProperty("default") @JsonPropertyDescription("the release used when none is named")
            String defaultVersion,

            @JsonPropertyDescription("oldest first") List<Release> releases) {
        ReleaseList {
            Objects.requireNonNull(defaultVersion, "defaultVersion");
            releases = List.copyOf(releases);
        }
    }

    @JsonRootName("KbRelease")
    record Release(
            String version,

            @JsonPropertyDescription("shipped with atlas-ops, not imported")
            boolean bundled) {
        Release {
            Objects.requireNonNull(version, "version");
        }
    }

    /** {@code GET /api/v1/releases/{version}/objects}: each object as kb's JSON mapping lists it. */
    @JsonRootName("KbObjectList")
    record ObjectList(String release, List<Documents.Summary> objects) {
        ObjectList {
            Objects.requireNonNull(release, "release");
            objects = List.copyOf(objects);
        }
    }

    /** {@code GET /api/v1/releases/{version}/search}. */
    @JsonRootName("KbSearch")
    record Search(
            String release,
            String query,
            @JsonPropertyDescription("best first") List<Hit> hits) {
        Search {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(query, "query");
            hits = List.copyOf(hits);
        }
    }

    @JsonRootName("KbSearchHit")
    record Hit(
            AtlasId id,

            @JsonPropertyDescription("tactic, technique, sub-technique, mitigation or case-study")
            String type,

            String name,
            float score,

            @JsonPropertyDescription("the object's page on this site")
            String page) {
        Hit {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(page, "page");
        }
    }
}
