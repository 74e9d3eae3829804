/** The team's incident register in ATLAS case-study form (schema 1.1) with the SOC timeline and TLP: checks against a release, the website's case-study YAML, STIX 2.1 bundles and Markdown. */
package org.atlasops.intel.incident;
