/**
 * Layer files: {@link org.atlasops.navigator.format.LayerReader} reads format 4.5, older 4.x and legacy 3.0 (a
 * single layer or a JSON array of layers) with bounded, duplicate-key-refusing JSON and one issue per flaw;
 * {@link org.atlasops.navigator.format.LayerWriter} writes format 4.5.
 */
package org.atlasops.navigator.format;
