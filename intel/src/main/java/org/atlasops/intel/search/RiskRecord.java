package org.atlasops.intel.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.intel.mapping.Suggestion;

/**
 * One entry of the AI risk database, whatever its source: where it comes from and under which licence, what it is,
 * which AI models or systems it affects, when, and the ATLAS techniques it involves (official or inferred).
 */
public record RiskRecord(
        String source,
        String licence,
        String key,
        String title,
        String text,
        String url,
        Optional<LocalDate> date,
        List<String> systems,
        List<Suggestion> techniques) {
    public RiskRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(key, "key");
        title = Objects.requireNonNullElse(title, "");
        text = Objects.requireNonNullElse(text, "");
        url = Objects.requireNonNullElse(url, "");
        Objects.requireNonNull(date, "date");
        systems = systems.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        techniques = List.copyOf(techniques);
    }
}
