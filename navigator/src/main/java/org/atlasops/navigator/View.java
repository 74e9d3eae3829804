package org.atlasops.navigator;

import java.util.Objects;

/**
 * How the layer is shown and selected in the Navigator: sorting, layout, hiding disabled cells, the tactic row
 * background and the three selection behaviours.
 */
public record View(
        Sorting sorting,
        Layout layout,
        boolean hideDisabled,
        boolean showTacticRowBackground,
        String tacticRowBackground,
        boolean selectTechniquesAcrossTactics,
        boolean selectSubtechniquesWithParent,
        boolean selectVisibleTechniques) {
    public static final View DEFAULT =
            new View(Sorting.NAME_ASCENDING, Layout.DEFAULT, false, false, "#dddddd", true, true, false);

    public View {
        Objects.requireNonNull(sorting, "sorting");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(tacticRowBackground, "tacticRowBackground");
    }

    public View withLayout(Layout newLayout) {
        return new View(
                sorting,
                newLayout,
                hideDisabled,
                showTacticRowBackground,
                tacticRowBackground,
                selectTechniquesAcrossTactics,
                selectSubtechniquesWithParent,
                selectVisibleTechniques);
    }

    public View withSorting(Sorting newSorting) {
        return new View(
                newSorting,
                layout,
                hideDisabled,
                showTacticRowBackground,
                tacticRowBackground,
                selectTechniquesAcrossTactics,
                selectSubtechniquesWithParent,
                selectVisibleTechniques);
    }
}
