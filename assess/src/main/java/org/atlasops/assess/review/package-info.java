/**
 * What a new ATLAS release changes for one system: new techniques that apply, renamed, moved and removed ones,
 * changed mitigations, the effect on its threat model and coverage, and every manual entry, mitigation and CoSAI
 * mapping carried across renames and moves. A report and a delta layer.
 */
package org.atlasops.assess.review;
