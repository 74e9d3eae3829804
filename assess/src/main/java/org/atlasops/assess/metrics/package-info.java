/**
 * SOC metrics over incident timelines and alerts: mean, median and 90th percentile of the time to detect and to
 * respond, per technique, tactic and system, over a period; alerts per technique and the share that became incidents.
 * The input is a small timeline record (docs/assess.md) standing in for what intel's incident register will provide.
 */
package org.atlasops.assess.metrics;
