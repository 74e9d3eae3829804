/** The {@code atlas-ops kb} commands, one class each. */
package org.atlasops.cli.kb;
