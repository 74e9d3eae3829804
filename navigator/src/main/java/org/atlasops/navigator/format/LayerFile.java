package org.atlasops.navigator.format;

import java.util.List;
import java.util.Objects;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;

/** What a layer file held: its layers in file order and every flaw found while reading them. */
public record LayerFile(String source, List<Layer> layers, List<LayerIssue> issues) {
    public LayerFile {
        Objects.requireNonNull(source, "source");
        layers = List.copyOf(layers);
        issues = List.copyOf(issues);
    }

    /** The only layer of the file; a file with several must be split or one picked by the caller. */
    public Layer single() {
        if (layers.size() != 1) {
            throw new LayerException(source + ": holds " + layers.size() + " layers; this needs exactly one "
                    + "(pick one with --layer N, counting from 1)");
        }
        return layers.get(0);
    }

    /** The n-th layer, counting from 1 as users do. */
    public Layer layer(int oneBased) {
        if (oneBased < 1 || oneBased > layers.size()) {
            throw new LayerException(source + ": has " + layers.size() + " layer(s); there is no layer " + oneBased);
        }
        return layers.get(oneBased - 1);
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.severity() == LayerIssue.Severity.ERROR);
    }
}
