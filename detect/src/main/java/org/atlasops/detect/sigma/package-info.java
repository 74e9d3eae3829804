/**
 * A Sigma 2.1 engine that evaluates rules natively on JSON events. {@link org.atlasops.detect.sigma.RuleLoader}
 * reads rule, filter and correlation documents (with file:line problems), compiling each detection once;
 * {@link org.atlasops.detect.sigma.Detector} runs them over events and feeds correlations.
 */
package org.atlasops.detect.sigma;
