/**
 * A Sigma 2.1 engine that evaluates rules natively on JSON events. This package is its face and the rule model:
 * {@link org.atlasops.detect.sigma.RuleLoader} reads rule, filter and correlation documents (safe YAML with file:line
 * problems, field mappings from a {@link org.atlasops.detect.sigma.Pipeline}) into a {@link
 * org.atlasops.detect.sigma.RuleSet} of {@link org.atlasops.detect.sigma.SigmaRule}s, compiling each detection once;
 * {@link org.atlasops.detect.sigma.Detector} runs them over events and feeds correlations, reporting {@link
 * org.atlasops.detect.sigma.Match}es. The jobs behind it live in sub-packages: {@code compile} (detection sections to
 * predicates), {@code match} (the compiled predicates and their evaluation), {@code correlation} (correlation rules
 * and their windows) and {@code accel} (automata, prefilters, prerequisites, memos).
 */
package org.atlasops.detect.sigma;
