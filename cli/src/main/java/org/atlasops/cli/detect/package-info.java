/** {@code atlas-ops detect …}: thin commands over the detect module's Sigma engine. */
package org.atlasops.cli.detect;
