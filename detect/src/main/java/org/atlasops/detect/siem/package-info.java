/**
 * Sigma rules as SIEM queries: {@link org.atlasops.detect.siem.SiemExport} turns each detection rule into Splunk
 * SPL, Elastic ES|QL or Microsoft Sentinel KQL where the target can express it, and names every rule it cannot
 * convert with the reason (correlations, unsupported modifiers, regular expressions the target's engine lacks).
 */
package org.atlasops.detect.siem;
