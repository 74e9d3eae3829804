/** {@code atlas-ops layer …}: thin commands over the navigator module's layer engine. */
package org.atlasops.cli.layer;
