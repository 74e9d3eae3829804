/** The {@code intel} commands: the incident register, AVID and AIID imports, and the AI risk search. */
package org.atlasops.cli.intel;
