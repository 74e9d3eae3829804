/**
 * Matching: the compiled form of a Sigma detection and its evaluation on one event. A {@link
 * org.atlasops.detect.sigma.match.Condition} tree over search identifiers, each an {@link
 * org.atlasops.detect.sigma.match.EventPredicate} on fields whose values are tested by {@link
 * org.atlasops.detect.sigma.match.ValuePredicate}s (Sigma strings with wildcards, regexes, CIDR ranges, numbers, time
 * parts). Built once by the compiler, immutable, evaluated through the accelerators' evaluation context. It knows
 * nothing of YAML, compilation, rules or correlations, and nothing outside the rule engine uses it (ArchUnit rules in
 * the CLI's {@code ArchitectureTest} say so).
 */
package org.atlasops.detect.sigma.match;
