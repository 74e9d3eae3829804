/**
 * Layers made from the knowledge base: the full matrix, case-study frequency, one layer per case study, maturity,
 * a search query, or a list of technique IDs with scores ({@link org.atlasops.navigator.generate.ScoreList}).
 */
package org.atlasops.navigator.generate;
