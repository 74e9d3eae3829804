package org.atlasops.intel.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The query of a TAXII GET: {@code added_after}, {@code limit}, {@code next} and {@code match[id|type|version|
 * spec_version]}. Values of one field separated by commas are alternatives; different fields must all hold.
 */
public record Filter(
        Optional<Instant> addedAfter,
        Optional<Integer> limit,
        Optional<String> next,
        Set<String> ids,
        Set<String> types,
        List<VersionMatch> versions,
        Set<String> specVersions) {
    public static final Filter NONE =
            new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Set.of(), List.of(), Set.of());

    public Filter {
        Objects.requireNonNull(addedAfter, "addedAfter");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(next, "next");
        ids = Set.copyOf(ids);
        types = Set.copyOf(types);
        versions = List.copyOf(versions);
        specVersions = Set.copyOf(specVersions);
        limit.ifPresent(l -> {
            if (l < 1) {
                throw TaxiiException.badRequest("limit must be a positive whole number, not " + l);
            }
        });
    }

    private static final Set<String> KNOWN =
            Set.of("added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]");

    /**
     * Reads the query parameters; an unknown {@code match[...]} field or a malformed value is a 400 naming it.
     * Other unknown parameters are ignored, as the specification asks.
     */
    public static Filter parse(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (name.startsWith("match[") && !KNOWN.contains(name)) {
                throw TaxiiException.badRequest("the filter " + name + " is not supported; use match[id], "
                        + "match[type], match[version] or match[spec_version]");
            }
        }
        Optional<Instant> addedAfter = single(query, "added_after")
                .map(s -> Timestamps.parse(s)
                        .orElseThrow(() -> TaxiiException.badRequest("added_after value '" + s + "' is not an RFC "
                                + "3339 timestamp such as 2026-01-30T00:00:00.000Z")));
        Optional<Integer> limit = single(query, "limit").map(s -> {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw TaxiiException.badRequest("limit value '" + s + "' is not a whole number");
            }
        });
        List<VersionMatch> versions = new ArrayList<>();
        single(query, "match[version]").ifPresent(s -> versions.addAll(VersionMatch.parse(s)));
        Set<String> specVersions = values(query, "match[spec_version]");
        for (String v : specVersions) {
            if (!v.matches("2\\.[01]")) {
                throw TaxiiException.badRequest(
                        "match[spec_version] value '" + v + "' is not a STIX version " + "(2.0 or 2.1)");
            }
        }
        return new Filter(
                addedAfter,
                limit,
                single(query, "next"),
                values(query, "match[id]"),
                values(query, "match[type]"),
                versions,
                specVersions);
    }

    /** The same filter at another position. */
    Filter withNext(Optional<String> token) {
        return new Filter(addedAfter, limit, token, ids, types, versions, specVersions);
    }

    private static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> v = query.getOrDefault(name, List.of());
        if (v.size() > 1) {
            throw TaxiiException.badRequest(
                    name + " is given " + v.size() + " times; give it once (separate " + "alternatives by commas)");
        }
        return v.isEmpty() || v.get(0).isBlank() ? Optional.empty() : Optional.of(v.get(0));
    }

    private static Set<String> values(Map<String, List<String>> query, String name) {
        Set<String> out = new LinkedHashSet<>();
        single(query, name).ifPresent(s -> {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        });
        return out;
    }
}
