/**
 * {@code atlas-ops lab …}: the deliberately vulnerable training range (emulate's lab) on HTTP and its MCP tools over
 * stdio, with atlas-ops' own prompt detector as the strongest guard (the join of detect and emulate lives here).
 */
package org.atlasops.cli.lab;
