/**
 * A layer laid over an ATLAS release: {@link org.atlasops.navigator.matrix.AnnotatedMatrix} resolves every entry to
 * its cells (an entry without a tactic lands on every tactic of its technique), applies sorting, hiding and
 * sub-technique expansion, and computes display colours and aggregate scores the way the Navigator does;
 * {@link org.atlasops.navigator.matrix.LayerValidator} checks a layer against a release.
 */
package org.atlasops.navigator.matrix;
