/**
 * Combining layers by a score expression, the Navigator's "create layer from other layers" without its tab limit:
 * {@link org.atlasops.navigator.combine.ScoreExpression} is our own small parser and evaluator (no script engine),
 * {@link org.atlasops.navigator.combine.LayerCombiner} applies it cell by cell with the Navigator's rules.
 */
package org.atlasops.navigator.combine;
