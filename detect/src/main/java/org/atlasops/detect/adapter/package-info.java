/**
 * Telemetry adapters: records in a vendor's published log shape (LiteLLM, Langfuse, OpenAI usage, Azure OpenAI
 * diagnostic logs, AWS Bedrock invocation logs, MCP JSON-RPC message logs) turned into the events of
 * docs/telemetry.md, so the bundled rules and analyzers read them as they read the native form. These are small
 * readers, not field-mapping pipelines: every one of these shapes needs restructuring (message content strings
 * into parts, JSON-RPC messages into {@code mcp.*} fields) that a rename cannot express.
 */
package org.atlasops.detect.adapter;
