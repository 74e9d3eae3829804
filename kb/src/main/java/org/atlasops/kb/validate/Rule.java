package org.atlasops.kb.validate;

import java.util.Locale;

/** The reference rules every ATLAS release must keep. */
public enum Rule {
    MATRIX_TACTIC_MISSING,
    TECHNIQUE_TACTIC_MISSING,
    TECHNIQUE_WITHOUT_TACTIC,
    SUBTECHNIQUE_PARENT_MISSING,
    SUBTECHNIQUE_ID_MISMATCH,
    MITIGATION_TECHNIQUE_MISSING,
    STEP_TECHNIQUE_MISSING,
    STEP_TACTIC_MISSING,
    STEP_TACTIC_MISMATCH;

    /** The rule as it is printed: {@code step-tactic-mismatch}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
