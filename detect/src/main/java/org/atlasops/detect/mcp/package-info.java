/**
 * MCP security: the tool-poisoning check of one definition (AML.T0110), and the scanner that finds MCP client
 * configurations, lists what each server offers through the official MCP Java SDK, and judges them together
 * (cross-server shadowing, rug pulls against pins, toxic flows), with JSON and SARIF reports.
 */
package org.atlasops.detect.mcp;
