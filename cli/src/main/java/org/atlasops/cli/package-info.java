/** The atlas-ops command line: the root command, exit codes and error handling. */
package org.atlasops.cli;
