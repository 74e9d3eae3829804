package org.atlasops.assess.dettect;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DeTT&CT data sources administration file ({@code file_type: data-source-administration}) for the ATLAS domain:
 * which telemetry is collected, since when, and how good it is.
 */
public record DataSourceAdministration(String name, String domain, List<DataSource> dataSources, String source) {
    /** One data source and its entries per system. */
    public record DataSource(String name, List<Entry> entries, int line) {
        public DataSource {
            Objects.requireNonNull(name, "name");
            entries = List.copyOf(entries);
        }

        public boolean available() {
            return entries.stream().anyMatch(Entry::availableForAnalytics);
        }
    }

    /**
     * @param dataQuality device_completeness, data_field_completeness, timeliness, consistency, retention: 0 to 5
     */
    public record Entry(
            List<String> applicableTo,
            String dateRegistered,
            String dateConnected,
            List<String> products,
            boolean availableForAnalytics,
            String comment,
            Map<String, Integer> dataQuality) {
        public Entry {
            applicableTo = List.copyOf(applicableTo);
            dateRegistered = Objects.requireNonNullElse(dateRegistered, "");
            dateConnected = Objects.requireNonNullElse(dateConnected, "");
            products = List.copyOf(products);
            comment = Objects.requireNonNullElse(comment, "");
            dataQuality = Map.copyOf(dataQuality);
        }
    }

    /** The five data-quality dimensions DeTT&CT scores from 0 to 5. */
    public static final List<String> QUALITY =
            List.of("device_completeness", "data_field_completeness", "timeliness", "consistency", "retention");

    public DataSourceAdministration {
        name = Objects.requireNonNullElse(name, "");
        domain = Objects.requireNonNullElse(domain, TechniqueAdministration.DOMAIN);
        dataSources = List.copyOf(dataSources);
        source = Objects.requireNonNullElse(source, "");
    }
}
