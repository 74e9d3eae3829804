/** Adversary emulation of ATLAS techniques against a team's own AI systems. See docs/ARCHITECTURE.md. */
package org.atlasops.emulate;
