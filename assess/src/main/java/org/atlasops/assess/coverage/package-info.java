/**
 * Detection coverage of a system's applicable techniques, backed by evidence: Sigma rules' ATLAS tags (the bundled
 * pack and the team's rules, tested rules counting more), the AI analyzers, manual DeTT&amp;CT scores with their dated
 * history, and any other {@link org.atlasops.assess.coverage.EvidenceSource} (emulation runs plug in here). Per
 * technique, per tactic as a percentage of the techniques that apply, a trend over time, and layers.
 */
package org.atlasops.assess.coverage;
