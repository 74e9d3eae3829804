package org.atlasops.kb.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.AtlasReader;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    private static final String BROKEN = """
            id: ATLAS
            version: 1.2.3
            matrices:
            - id: ATLAS
              name: ATLAS Matrix
              tactics:
              - id: AML.TA0002
                name: Reconnaissance
              - id: AML.TA0003
                name: Resource Development
              techniques:
              - id: AML.T0000
                name: Search
                tactics: [AML.TA0002]
              - id: AML.T0001
                name: Orphan tactic
                tactics: [AML.TA0099]
              - id: AML.T0002
                name: No tactic
              - id: AML.T0007.000
                name: Lost child
                subtechnique-of: AML.T0007
              mitigations:
              - id: AML.M0000
                name: Limit
                techniques:
                - id: AML.T0000
                  use: fine
                - id: AML.T0404
                  use: broken
            case-studies:
            - id: AML.CS0000
              name: Study
              procedure:
              - tactic: AML.TA0002
                technique: AML.T0000
                description: fine
              - tactic: AML.TA0003
                technique: AML.T0000
                description: wrong tactic
              - tactic: AML.TA0002
                technique: AML.T0999
                description: missing technique
              - tactic: AML.TA0042
                technique: AML.T0000
                description: missing tactic
            """;

    @Test
    void reportsEveryBrokenReferenceWithTheObjectAndTheRule() {
        KnowledgeBase kb =
                AtlasReader.read(new ByteArrayInputStream(BROKEN.getBytes(StandardCharsets.UTF_8)), "broken.yaml");
        assertThat(Validator.validate(kb))
                .extracting(Finding::toString)
                .containsExactly(
                        "AML.T0001: lists tactic AML.TA0099, which is not a tactic in ATLAS 1.2.3; fix the ID in 'tactics' "
                                + "[technique-tactic-missing]",
                        "AML.T0002: technique has no tactics; a technique must list at least one tactic in 'tactics' "
                                + "[technique-without-tactic]",
                        "AML.T0007.000: sub-technique of AML.T0007, which is not a technique in ATLAS 1.2.3; fix "
                                + "'subtechnique-of' [subtechnique-parent-missing]",
                        "AML.M0000: mitigates AML.T0404, which is not a technique in ATLAS 1.2.3; fix the ID or remove the "
                                + "link [mitigation-technique-missing]",
                        "AML.CS0000: procedure step 2 uses AML.T0000 for tactic AML.TA0003, but that technique belongs to "
                                + "AML.TA0002; use one of those tactics [step-tactic-mismatch]",
                        "AML.CS0000: procedure step 3 uses AML.T0999, which is not a technique in ATLAS 1.2.3 "
                                + "[step-technique-missing]",
                        "AML.CS0000: procedure step 4 names tactic AML.TA0042, which is not a tactic in ATLAS 1.2.3 "
                                + "[step-tactic-missing]");
    }
}
