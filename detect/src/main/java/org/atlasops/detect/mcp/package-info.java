/**
 * MCP tool checks: whether a tool's definition (description and input-schema texts) carries instructions aimed at
 * the model instead of the user (tool poisoning, AML.T0110), with the reasons and the ATLAS techniques involved.
 */
package org.atlasops.detect.mcp;
