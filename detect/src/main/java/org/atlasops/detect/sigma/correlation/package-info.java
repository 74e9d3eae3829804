/**
 * Correlation: Sigma correlation rules ({@link org.atlasops.detect.sigma.correlation.CorrelationRule}: event count,
 * value count, temporal, …) and the engine the {@link org.atlasops.detect.sigma.Detector} feeds with matches. {@link
 * org.atlasops.detect.sigma.correlation.CorrelationEngine} keeps a bounded sliding window per group ({@code
 * CorrelationWindow}, grouped by key in a {@code GroupTable}) and emits a correlation match whenever the condition
 * holds; {@link org.atlasops.detect.sigma.correlation.CorrelationState} is where windows live when they must outlast
 * the process. Outside the engine only the rule and the state are used.
 */
package org.atlasops.detect.sigma.correlation;
