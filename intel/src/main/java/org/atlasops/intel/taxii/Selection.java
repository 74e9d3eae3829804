package org.atlasops.intel.taxii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies a {@link Filter} to the versions of a collection and cuts the page. */
final class Selection {
    private Selection() {}

    /**
     * The page of {@code all} that the filter selects: match[id], match[type] and match[spec_version] (default: the
     * newest spec version of each object), then match[version] per object (default: last), then added_after, in
     * (date added, ID, version) order, after the {@code next} position, at most {@code limit} (capped at
     * {@code maxPage}).
     */
    static Page page(List<ObjectVersion> all, Filter f, List<VersionMatch> defaultVersions, int maxPage) {
        Map<String, List<ObjectVersion>> byObject = new LinkedHashMap<>();
        for (ObjectVersion v : all) {
            if ((f.ids().isEmpty() || f.ids().contains(v.id()))
                    && (f.types().isEmpty() || f.types().contains(v.type()))) {
                byObject.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v);
            }
        }
        List<VersionMatch> matches = f.versions().isEmpty() ? defaultVersions : f.versions();
        List<ObjectVersion> chosen = new ArrayList<>();
        for (List<ObjectVersion> versions : byObject.values()) {
            List<ObjectVersion> bySpec = spec(versions, f.specVersions());
            bySpec.sort(Comparator.comparing(ObjectVersion::version));
            for (int i = 0; i < bySpec.size(); i++) {
                ObjectVersion v = bySpec.get(i);
                if (selected(v, i, bySpec.size(), matches)) {
                    chosen.add(v);
                }
            }
        }
        chosen.removeIf(v -> f.addedAfter().isPresent()
                && !v.dateAdded().isAfter(f.addedAfter().get()));
        chosen.sort(ObjectVersion::compare);
        Optional<Cursor> after = f.next().map(Cursor::decode);
        if (after.isPresent()) {
            chosen.removeIf(v -> !after.get().before(v));
        }
        int limit = Math.min(f.limit().orElse(maxPage), maxPage);
        if (chosen.size() <= limit) {
            return new Page(chosen, false, Optional.empty());
        }
        List<ObjectVersion> page = chosen.subList(0, limit);
        return new Page(
                page, true, Optional.of(Cursor.after(page.get(limit - 1)).encode()));
    }

    private static List<ObjectVersion> spec(List<ObjectVersion> versions, Set<String> specVersions) {
        if (!specVersions.isEmpty()) {
            return new ArrayList<>(versions.stream()
                    .filter(v -> specVersions.contains(v.specVersion()))
                    .toList());
        }
        String newest = versions.stream()
                .map(ObjectVersion::specVersion)
                .max(Comparator.naturalOrder())
                .orElse("2.1");
        return new ArrayList<>(
                versions.stream().filter(v -> v.specVersion().equals(newest)).toList());
    }

    private static boolean selected(ObjectVersion v, int index, int count, List<VersionMatch> matches) {
        for (VersionMatch m : matches) {
            boolean hit = m instanceof VersionMatch.All
                    || (m instanceof VersionMatch.First && index == 0)
                    || (m instanceof VersionMatch.Last && index == count - 1)
                    || (m instanceof VersionMatch.At at && at.version().equals(v.version()));
            if (hit) {
                return true;
            }
        }
        return false;
    }
}
