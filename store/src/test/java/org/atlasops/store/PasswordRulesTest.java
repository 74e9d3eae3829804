package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NIST SP 800-63B's blocklist rules: common, padded common, repeated, sequential and context words. */
class PasswordRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"1qaz2wsx3edc", "QAZWSXEDCRFV", "123qweasdzxc"})
    void commonPasswordsAreRefusedInAnyCase(String password) {
        assertThat(PasswordRules.refusal("someone", password))
                .hasValueSatisfying(r -> assertThat(r).contains("most common"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "Dragon!!2024", "123iloveyou!!", "Football1234"})
    void aCommonPasswordPaddedWithDigitsOrSymbolsIsRefused(String password) {
        assertThat(PasswordRules.refusal("someone", password))
                .hasValueSatisfying(r -> assertThat(r).contains("most common"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aaaaaaaaaaaa",
                "abcabcabcabc",
                "xyzzyxyzzyxyzzy",
                "abababababab",
                "abcdefghijklm",
                "123456789012",
                "987654321098",
                "zyxwvutsrqpo"
            })
    void repeatsAndRunsAreRefused(String password) {
        assertThat(PasswordRules.refusal("someone", password))
                .hasValueSatisfying(r -> assertThat(r).contains("repeats"));
    }

    @Test
    void theUsersNameAndTheServicesNameAreRefused() {
        assertThat(PasswordRules.refusal("margaret", "margaret-is-here"))
                .hasValueSatisfying(r -> assertThat(r).contains("user name"));
        assertThat(PasswordRules.refusal("someone", "my Atlas-Ops pass")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "plum orchard at dusk", "v8#Kq2!zR0pL", "Tr0ub4dor&3xyz"})
    void ordinaryLongPasswordsAreAccepted(String password) {
        assertThat(PasswordRules.refusal("someone", password)).isEmpty();
    }

    @Test
    void shortPasswordsAreRefusedByLength() {
        assertThat(PasswordRules.refusal("someone", "abc!def"))
                .hasValueSatisfying(r -> assertThat(r).contains("too short"));
    }
}
