package org.atlasops.navigator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Navigator layer (format 4.5). Techniques are kept in file order with duplicates of the same (technique,
 * tactic) merged; {@code platforms} is the platform filter (empty: all). ATLAS layers have domain
 * {@value #ATLAS_DOMAIN} and name their ATLAS release in the metadata entry {@value #ATLAS_VERSION_KEY}.
 */
public record Layer(
        String name,
        String description,
        String domain,
        Versions versions,
        Optional<String> customDataUrl,
        List<String> platforms,
        View view,
        List<TechniqueAnnotation> techniques,
        Gradient gradient,
        List<LegendItem> legend,
        List<MetadataItem> metadata,
        List<LinkItem> links) {

    public static final String ATLAS_DOMAIN = "atlas-atlas";
    public static final String ATLAS_VERSION_KEY = "atlas_data_version";

    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(customDataUrl, "customDataUrl");
        platforms = List.copyOf(platforms);
        Objects.requireNonNull(view, "view");
        techniques = List.copyOf(techniques);
        Objects.requireNonNull(gradient, "gradient");
        legend = List.copyOf(legend);
        metadata = List.copyOf(metadata);
        links = List.copyOf(links);
    }

    /** An empty ATLAS layer for a release, with the defaults the Navigator uses. */
    public static Layer empty(String name, String atlasVersion) {
        return new Layer(
                name,
                "",
                ATLAS_DOMAIN,
                Versions.CURRENT,
                Optional.empty(),
                List.of(),
                View.DEFAULT,
                List.of(),
                Gradient.DEFAULT,
                List.of(),
                List.of(MetadataItem.of(ATLAS_VERSION_KEY, atlasVersion)),
                List.of());
    }

    /** The ATLAS release named in the metadata, if any. */
    public Optional<String> atlasVersion() {
        return metadata.stream()
                .filter(m -> m instanceof MetadataItem.Entry e && e.name().equals(ATLAS_VERSION_KEY))
                .map(m -> ((MetadataItem.Entry) m).value())
                .findFirst();
    }

    /** This layer stamped with an ATLAS release (replacing any earlier stamp). */
    public Layer withAtlasVersion(String version) {
        List<MetadataItem> m = new ArrayList<>();
        boolean replaced = false;
        for (MetadataItem item : metadata) {
            if (item instanceof MetadataItem.Entry e && e.name().equals(ATLAS_VERSION_KEY)) {
                if (!replaced) {
                    m.add(MetadataItem.of(ATLAS_VERSION_KEY, version));
                    replaced = true;
                }
            } else {
                m.add(item);
            }
        }
        if (!replaced) {
            m.add(MetadataItem.of(ATLAS_VERSION_KEY, version));
        }
        return withMetadata(m);
    }

    public Layer withName(String newName) {
        return new Layer(
                newName,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withDescription(String newDescription) {
        return new Layer(
                name,
                newDescription,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withVersions(Versions newVersions) {
        return new Layer(
                name,
                description,
                domain,
                newVersions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withDomain(String newDomain) {
        return new Layer(
                name,
                description,
                newDomain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withPlatforms(List<String> newPlatforms) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                newPlatforms,
                view,
                techniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withView(View newView) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                newView,
                techniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withTechniques(List<TechniqueAnnotation> newTechniques) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                newTechniques,
                gradient,
                legend,
                metadata,
                links);
    }

    public Layer withGradient(Gradient newGradient) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                newGradient,
                legend,
                metadata,
                links);
    }

    public Layer withLegend(List<LegendItem> newLegend) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                newLegend,
                metadata,
                links);
    }

    public Layer withMetadata(List<MetadataItem> newMetadata) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                legend,
                newMetadata,
                links);
    }

    public Layer withLinks(List<LinkItem> newLinks) {
        return new Layer(
                name,
                description,
                domain,
                versions,
                customDataUrl,
                platforms,
                view,
                techniques,
                gradient,
                legend,
                metadata,
                newLinks);
    }
}
