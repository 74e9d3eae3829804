package org.atlasops.assess.inventory;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasId;

/**
 * One AI system as its team describes it (docs/assess.md has the file format).
 *
 * @param id a short identifier, e.g. {@code support-bot}
 * @param source the file it was read from, for messages
 */
public record SystemInventory(
        String id,
        String name,
        String description,
        Exposure exposure,
        Set<UntrustedContent> untrustedContent,
        boolean rag,
        boolean fineTuned,
        boolean trainedOnUserData,
        Optional<ModelSource> modelSource,
        List<Tool> tools,
        boolean codeExecution,
        boolean holdsSecrets,
        boolean modelApi,
        boolean onDevice,
        List<Component> components,
        List<DeclaredMitigation> mitigations,
        List<Edge> edges,
        String source) {
    public SystemInventory {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, id);
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(exposure, "exposure");
        untrustedContent = untrustedContent.isEmpty()
                ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(untrustedContent));
        Objects.requireNonNull(modelSource, "modelSource");
        tools = List.copyOf(tools);
        components = List.copyOf(components);
        mitigations = List.copyOf(mitigations);
        edges = List.copyOf(edges);
        source = Objects.requireNonNullElse(source, "");
    }

    /** An inventory without edges between its components (the form before edges were part of the schema). */
    public SystemInventory(
            String id,
            String name,
            String description,
            Exposure exposure,
            Set<UntrustedContent> untrustedContent,
            boolean rag,
            boolean fineTuned,
            boolean trainedOnUserData,
            Optional<ModelSource> modelSource,
            List<Tool> tools,
            boolean codeExecution,
            boolean holdsSecrets,
            boolean modelApi,
            boolean onDevice,
            List<Component> components,
            List<DeclaredMitigation> mitigations,
            String source) {
        this(
                id,
                name,
                description,
                exposure,
                untrustedContent,
                rag,
                fineTuned,
                trainedOnUserData,
                modelSource,
                tools,
                codeExecution,
                holdsSecrets,
                modelApi,
                onDevice,
                components,
                mitigations,
                List.of(),
                source);
    }

    public boolean agent() {
        return !tools.isEmpty();
    }

    public List<Tool> toolsOf(Tool.Kind kind) {
        return tools.stream().filter(t -> t.kind() == kind).toList();
    }

    public boolean hasMitigation(AtlasId mitigation) {
        return mitigations.stream().anyMatch(m -> m.id().equals(mitigation));
    }

    /** The listed component of this CoSAI type, if any (the first when listed twice). */
    public Optional<Component> component(String type) {
        return components.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
