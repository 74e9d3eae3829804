/**
 * Threat models: which ATLAS techniques apply to a system and why ({@link org.atlasops.assess.threatmodel.ThreatRules},
 * shipped as data per ATLAS release), how urgent each is ({@link org.atlasops.assess.threatmodel.Priority}, a
 * transparent weighted sum whose parts are shown), which mitigations to apply first, and the report and layer.
 */
package org.atlasops.assess.threatmodel;
