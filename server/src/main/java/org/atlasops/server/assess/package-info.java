/**
 * Assessment in the web app (issue #21): an inventory posted as YAML or JSON becomes a threat model or a coverage
 * report, as API answers (records in {@link org.atlasops.server.assess.AssessJson}) and as pages with the per-tactic
 * chart drawn by assess's {@link org.atlasops.assess.coverage.CoverageChart}. Nothing is stored.
 */
package org.atlasops.server.assess;
