/** ATLAS linked to ATT&amp;CK, OWASP Top 10 for LLM, NIST AI RMF, STRIDE and the CoSAI Risk Map, in both directions. */
package org.atlasops.kb.crosswalk;
