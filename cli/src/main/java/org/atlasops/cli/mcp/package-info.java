/** {@code atlas-ops mcp …}: checks of MCP tool definitions. */
package org.atlasops.cli.mcp;
