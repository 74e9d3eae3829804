/**
 * A team's AI system as an inventory: CoSAI components and the attributes threats depend on (exposure, untrusted
 * content, RAG, tuning, model source, agent tools and MCP servers, code execution, secrets, model API, on-device) and
 * the ATLAS mitigations in place. Read from YAML or JSON through kb's safe YAML layer; every problem names file, line
 * and field. The schema is documented in docs/assess.md.
 */
package org.atlasops.assess.inventory;
