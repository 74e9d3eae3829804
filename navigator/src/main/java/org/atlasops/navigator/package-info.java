/**
 * Navigator layers as values: a {@link org.atlasops.navigator.Layer} is one ATT&CK/ATLAS Navigator layer (format
 * 4.5), its {@link org.atlasops.navigator.TechniqueAnnotation}s the coloured, scored and commented cells. Reading and
 * writing live in {@code navigator.format}, the matrix a layer draws over a release in {@code navigator.matrix},
 * and generation, combination, upgrade and export in their own packages.
 */
package org.atlasops.navigator;
