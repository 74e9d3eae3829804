package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atlasops.detect.sigma.Sigma.event;
import static org.atlasops.detect.sigma.Sigma.rule;

import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.junit.jupiter.api.Test;

/** Prerequisites rule out events a rule cannot match, and never one it matches. */
class PrerequisiteTest {
    private static boolean mayMatch(SigmaRule r, Event e) {
        return r.prerequisite()
                .map(p -> p.holds(new EvaluationContext(e, r.automaton(), null)))
                .orElse(true);
    }

    @Test
    void aFieldComparedWithAnotherNeedsTheOtherField() {
        SigmaRule leak = rule("""
                    selection:
                        output|fieldref|contains: system
                    condition: selection
                """);
        Event withoutSystem = event("{\"output\": \"Here is the answer.\"}");
        Event leaking = event("{\"output\": \"My rules: be brief.\", \"system\": \"be brief\"}");
        assertThat(mayMatch(leak, withoutSystem)).isFalse();
        assertThat(mayMatch(leak, leaking)).isTrue();
        assertThat(leak.matches(leaking)).isTrue();
    }

    @Test
    void aRegexThatNeedsACharacterOutsideAsciiIsRuledOutOnAsciiText() {
        SigmaRule tags = rule("""
                    selection:
                        prompt|re: '[\\x{E0000}-\\x{E007F}]'
                    condition: selection
                """);
        Event plain = event("{\"prompt\": \"What is the capital of France? \u00e9\"}".replace("\u00e9", ""));
        Event accented = event("{\"prompt\": \"caf\u00e9\"}");
        Event hidden = event("{\"prompt\": \"hello " + new String(Character.toChars(0xE0041)) + "\"}");
        assertThat(mayMatch(tags, plain)).isFalse();
        assertThat(mayMatch(tags, accented))
                .as("outside ASCII, so the regex decides")
                .isTrue();
        assertThat(tags.matches(accented)).isFalse();
        assertThat(mayMatch(tags, hidden)).isTrue();
        assertThat(tags.matches(hidden)).isTrue();
    }

    @Test
    void aValueOutsideAsciiNeedsSuchACharacterUnlessItEqualsAnAsciiOneIgnoringCase() {
        // "svchost.exe" with a Cyrillic o
        SigmaRule homoglyph = rule("""
                    selection:
                        Image|contains: "svch\\u043Est.exe"
                    condition: selection
                """);
        Event ascii = event("{\"Image\": \"C:/Windows/svchost.exe\"}");
        Event cyrillic = event("{\"Image\": \"C:/Temp/SVCH\u041EST.EXE\"}");
        assertThat(mayMatch(homoglyph, ascii)).isFalse();
        assertThat(mayMatch(homoglyph, cyrillic)).isTrue();
        assertThat(homoglyph.matches(cyrillic)).isTrue();

        // the Kelvin sign equals "k" ignoring case, so an ASCII text may match it
        SigmaRule kelvin = rule("""
                    selection:
                        CommandLine|contains: "\\u212A"
                    condition: selection
                """);
        Event k = event("{\"CommandLine\": \"ping -k 1\"}");
        assertThat(mayMatch(kelvin, k)).isTrue();
        assertThat(kelvin.matches(k)).isTrue();
    }

    @Test
    void valuesThatShareTheirFirstCharactersAreToldApartBeforeTheRuleRuns() {
        RuleSet set = Sigma.rules("""
                title: a
                logsource: {category: process_creation}
                detection:
                    selection:
                        Hashes|contains: 'IMPHASH=0A1B2C3D4E5F'
                    condition: selection
                ---
                title: b
                logsource: {category: process_creation}
                detection:
                    selection:
                        Hashes|contains: 'IMPHASH=99887766AABB'
                    condition: selection
                """);
        Event other = event("{\"Hashes\": \"MD5=00,IMPHASH=FFEEDDCCBBAA\"}");
        Event second = event("{\"Hashes\": \"MD5=00,IMPHASH=99887766AABB\"}");
        for (SigmaRule r : set.rules()) {
            assertThat(mayMatch(r, other)).as(r.meta().title()).isFalse();
        }
        assertThat(mayMatch(set.rules().get(0), second)).isFalse();
        assertThat(mayMatch(set.rules().get(1), second)).isTrue();
        assertThat(new Detector(set).process(second))
                .singleElement()
                .satisfies(m ->
                        assertThat(((Match.RuleMatch) m).rule().meta().title()).isEqualTo("b"));
    }
}
