/** Readers for every published ATLAS data format (3.x, 4.x-5.x, 6.x) over safe, bounded YAML, and the catalogue of bundled and imported releases. */
package org.atlasops.kb.read;
