/**
 * The bundled ATLAS rule pack (Sigma rules for LLM, agent/MCP and model-API telemetry, each tagged with ATLAS
 * techniques), the default telemetry pipeline, and the runner for rule tests ({@code *.tests.yml} beside a rule).
 */
package org.atlasops.detect.pack;
