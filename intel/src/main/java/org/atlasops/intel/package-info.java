/** Threat-intel sharing in ATLAS terms. See docs/ARCHITECTURE.md. */
package org.atlasops.intel;
