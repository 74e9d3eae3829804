/** {@code atlas-ops assess}: inventories, threat models, coverage and release reviews of a team's AI systems. */
package org.atlasops.cli.assess;
