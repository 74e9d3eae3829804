/**
 * SOC metrics over incident timelines and alerts: mean, median and 90th percentile of the time to detect and to
 * respond, per technique, tactic and system, over a period; alerts per technique and the share that became incidents.
 * The input is the incident register ({@link org.atlasops.assess.metrics.RegisterTimelines}) or a small timeline record
 * (docs/assess.md), and optionally the alerts {@code detect scan} wrote ({@link org.atlasops.assess.metrics.AlertLines}),
 * the denominator of the share of alerts that became incidents. {@link org.atlasops.assess.metrics.MetricsChart} draws
 * the times as SVG for pages.
 */
package org.atlasops.assess.metrics;
