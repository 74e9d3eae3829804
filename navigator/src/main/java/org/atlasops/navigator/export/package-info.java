/**
 * Exports of a layer drawn over a release: JSON (optionally the full matrix for gap analysis), CSV and Markdown
 * tables, Excel (a matrix sheet as the Navigator draws it plus a flat sheet with every ID and score), and a picture
 * of the matrix ({@link org.atlasops.navigator.export.MatrixPicture}) written as SVG or PNG.
 */
package org.atlasops.navigator.export;
