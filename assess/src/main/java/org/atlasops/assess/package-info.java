/** Threat models, detection coverage and SOC metrics for a team's own AI systems. See docs/ARCHITECTURE.md. */
package org.atlasops.assess;
