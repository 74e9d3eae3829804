/** The {@code atlas-ops intel} commands: the incident register, AVID and AIID imports, the AI risk search, and TAXII
 * 2.1 pull, push and collections (docs/intel.md, docs/taxii.md). */
package org.atlasops.cli.intel;
