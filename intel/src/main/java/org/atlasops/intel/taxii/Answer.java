package org.atlasops.intel.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the service answers a request with: the HTTP status, the TAXII resource (none for a deletion), and for listings
 * the first and last date added on the page ({@code X-TAXII-Date-Added-First/Last}).
 */
public record Answer(int status, Optional<JsonNode> body, Optional<Instant> firstAdded, Optional<Instant> lastAdded) {
    public Answer {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(firstAdded, "firstAdded");
        Objects.requireNonNull(lastAdded, "lastAdded");
    }

    static Answer ok(JsonNode body) {
        return new Answer(200, Optional.of(body), Optional.empty(), Optional.empty());
    }

    static Answer page(JsonNode body, Page page) {
        return new Answer(200, Optional.of(body), page.firstAdded(), page.lastAdded());
    }
}
