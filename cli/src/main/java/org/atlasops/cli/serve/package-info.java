/** {@code atlas-ops serve}: starts the web app. */
package org.atlasops.cli.serve;
