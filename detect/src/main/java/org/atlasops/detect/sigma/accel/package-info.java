/**
 * The rule engine's speed machinery, kept apart so that what a rule means can be read without it: the literal
 * automaton shared by a rule set, prefilters derived from regular expressions, prerequisites and the key index
 * that rule out events before a rule runs, the short-text memo of regex results, and the per-event evaluation
 * context that holds what is worked out once per event. None of it changes a verdict. Only the rule engine
 * ({@code org.atlasops.detect.sigma} and its sub-packages) may use this package; an ArchUnit rule in the CLI's tests
 * says so.
 */
package org.atlasops.detect.sigma.accel;
