/** The {@code atlas-ops intel} commands: TAXII 2.1 pull, push and collections (docs/taxii.md). */
package org.atlasops.cli.intel;
