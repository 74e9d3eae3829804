package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atlasops.detect.sigma.Sigma.matches;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every modifier of the Sigma 2.1 appendix, with cases written from its text. */
class ModifierTest {
    private static String sel(String field, String value) {
        return "  selection:\n    " + field + ": " + value + "\n  condition: selection\n";
    }

    @Test
    void plainValuesAreCaseInsensitiveAndWholeField() {
        assertThat(matches(sel("Image", "'C:\\Windows\\cmd.exe'"), "{\"Image\": \"c:\\\\windows\\\\CMD.EXE\"}"))
                .isTrue();
        assertThat(matches(sel("Image", "cmd.exe"), "{\"Image\": \"C:\\\\cmd.exe\"}"))
                .isFalse();
    }

    @Test
    void wildcardsAndEscapes() {
        assertThat(matches(sel("F", "'prog?.exe'"), "{\"F\": \"progA.exe\"}")).isTrue();
        assertThat(matches(sel("F", "'prog?.exe'"), "{\"F\": \"progAB.exe\"}")).isFalse();
        assertThat(matches(sel("F", "'antivirus_V*.exe'"), "{\"F\": \"antivirus_V21.2.1.exe\"}"))
                .isTrue();
        // \* is a literal star; \\* is a backslash then a wildcard; \\\* a backslash and a literal star
        assertThat(matches(sel("F", "'a\\*b'"), "{\"F\": \"a*b\"}")).isTrue();
        assertThat(matches(sel("F", "'a\\*b'"), "{\"F\": \"axxb\"}")).isFalse();
        assertThat(matches(sel("F", "'a\\\\*'"), "{\"F\": \"a\\\\anything\"}")).isTrue();
        assertThat(matches(sel("F", "'a\\\\\\*'"), "{\"F\": \"a\\\\*\"}")).isTrue();
        assertThat(matches(sel("F", "'a\\\\\\*'"), "{\"F\": \"a\\\\x\"}")).isFalse();
        // a plain backslash not before a wildcard is literal, single or double
        assertThat(matches(sel("F", "'C:\\Windows'"), "{\"F\": \"C:\\\\Windows\"}"))
                .isTrue();
        assertThat(matches(sel("F", "'C:\\\\Windows'"), "{\"F\": \"C:\\\\Windows\"}"))
                .isTrue();
    }

    @Test
    void startsEndsContains() {
        assertThat(matches(sel("F|startswith", "adm"), "{\"F\": \"ADMIN\"}")).isTrue();
        assertThat(matches(sel("F|endswith", "'\\cmd.exe'"), "{\"F\": \"C:\\\\x\\\\cmd.exe\"}"))
                .isTrue();
        assertThat(matches(sel("F|contains", "mimi"), "{\"F\": \"run MimiKatz now\"}"))
                .isTrue();
        assertThat(matches(sel("F|contains", "mimi"), "{\"F\": \"nothing\"}")).isFalse();
    }

    @Test
    void allTurnsAListIntoAnd() {
        String d =
                "  selection:\n    CommandLine|contains|all:\n      - '-enc'\n      - 'hidden'\n  condition: selection\n";
        assertThat(matches(d, "{\"CommandLine\": \"powershell -enc AAA -w hidden\"}"))
                .isTrue();
        assertThat(matches(d, "{\"CommandLine\": \"powershell -enc AAA\"}")).isFalse();
        String or =
                "  selection:\n    CommandLine|contains:\n      - '-enc'\n      - 'hidden'\n  condition: selection\n";
        assertThat(matches(or, "{\"CommandLine\": \"powershell -enc AAA\"}")).isTrue();
    }

    @Test
    void existsCheckspresenceOnly() {
        assertThat(matches(sel("P|exists", "true"), "{\"P\": null}")).isTrue();
        assertThat(matches(sel("P|exists", "true"), "{\"P\": \"\"}")).isTrue();
        assertThat(matches(sel("P|exists", "true"), "{\"Q\": 1}")).isFalse();
        assertThat(matches(sel("P|exists", "false"), "{\"Q\": 1}")).isTrue();
    }

    @Test
    void casedIsCaseSensitive() {
        assertThat(matches(sel("F|cased", "Admin"), "{\"F\": \"Admin\"}")).isTrue();
        assertThat(matches(sel("F|cased", "Admin"), "{\"F\": \"admin\"}")).isFalse();
        assertThat(matches(sel("F|contains|cased", "Kat"), "{\"F\": \"mimiKatz\"}"))
                .isTrue();
        assertThat(matches(sel("F|contains|cased", "Kat"), "{\"F\": \"mimikatz\"}"))
                .isFalse();
    }

    @Test
    void neqIsTheNegation() {
        assertThat(matches(sel("Port|neq", "443"), "{\"Port\": 80}")).isTrue();
        assertThat(matches(sel("Port|neq", "443"), "{\"Port\": 443}")).isFalse();
        String list = "  selection:\n    Port|neq:\n      - 443\n      - 80\n  condition: selection\n";
        assertThat(matches(list, "{\"Port\": 22}")).isTrue();
        assertThat(matches(list, "{\"Port\": 80}")).isFalse();
    }

    @Test
    void windashAcceptsEveryDash() {
        String d = sel("CommandLine|windash|contains", "' -exec '");
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertThat(matches(d, "{\"CommandLine\": \"x " + dash + "exec y\"}"))
                    .as(dash)
                    .isTrue();
        }
        assertThat(matches(d, "{\"CommandLine\": \"x +exec y\"}")).isFalse();
    }

    @Test
    void regexIsCaseSensitiveUnlessI() {
        assertThat(matches(sel("F|re", "'^a.c$'"), "{\"F\": \"abc\"}")).isTrue();
        assertThat(matches(sel("F|re", "'^a.c$'"), "{\"F\": \"ABC\"}")).isFalse();
        assertThat(matches(sel("F|re|i", "'^a.c$'"), "{\"F\": \"ABC\"}")).isTrue();
        assertThat(matches(sel("F|re|m", "'^second$'"), "{\"F\": \"first\\nsecond\"}"))
                .isTrue();
        assertThat(matches(sel("F|re", "'^second$'"), "{\"F\": \"first\\nsecond\"}"))
                .isFalse();
        assertThat(matches(sel("F|re|s", "'a.b'"), "{\"F\": \"a\\nb\"}")).isTrue();
        assertThat(matches(sel("F|re", "'a.b'"), "{\"F\": \"a\\nb\"}")).isFalse();
    }

    @Test
    void base64AndBase64offset() {
        // 'Test' in base64 is VGVzdA==
        assertThat(matches(sel("F|base64", "Test"), "{\"F\": \"VGVzdA==\"}")).isTrue();
        // the three offsets of "http://" inside longer base64 text
        String d = sel("F|base64offset|contains", "'http://'");
        for (String prefix : List.of("", "a", "ab")) {
            String encoded = java.util.Base64.getEncoder()
                    .encodeToString(
                            (prefix + "http://x.example/payload").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(matches(d, "{\"F\": \"" + encoded + "\"}")).as(prefix).isTrue();
        }
        assertThat(matches(
                        d, "{\"F\": \"" + java.util.Base64.getEncoder().encodeToString("ftp://x".getBytes()) + "\"}"))
                .isFalse();
    }

    @Test
    void utf16Encodings() {
        // cmd > 63 00 6d 00 64 00 (le); BOM FF FE for utf16; wide is utf16le
        assertThat(matches(sel("F|utf16le|base64", "cmd"), "{\"F\": \"YwBtAGQA\"}"))
                .isTrue();
        assertThat(matches(sel("F|wide|base64", "cmd"), "{\"F\": \"YwBtAGQA\"}"))
                .isTrue();
        assertThat(matches(sel("F|utf16be|base64", "cmd"), "{\"F\": \"AGMAbQBk\"}"))
                .isTrue();
        assertThat(matches(sel("F|utf16|base64", "cmd"), "{\"F\": \"//5jAG0AZAA=\"}"))
                .isTrue();
    }

    @Test
    void numericComparisons() {
        assertThat(matches(sel("N|lt", "10"), "{\"N\": 9}")).isTrue();
        assertThat(matches(sel("N|lt", "10"), "{\"N\": 10}")).isFalse();
        assertThat(matches(sel("N|lte", "10"), "{\"N\": 10}")).isTrue();
        assertThat(matches(sel("N|gt", "10"), "{\"N\": \"11\"}")).isTrue();
        assertThat(matches(sel("N|gte", "10.5"), "{\"N\": 10.5}")).isTrue();
        assertThat(matches(sel("N|gt", "10"), "{\"N\": \"many\"}")).isFalse();
    }

    @Test
    void timeParts() {
        String t = "{\"T\": \"2024-03-15T22:45:10Z\"}";
        assertThat(matches(sel("T|minute", "45"), t)).isTrue();
        assertThat(matches(sel("T|hour", "22"), t)).isTrue();
        assertThat(matches(sel("T|day", "15"), t)).isTrue();
        assertThat(matches(sel("T|week", "11"), t)).isTrue();
        assertThat(matches(sel("T|month", "3"), t)).isTrue();
        assertThat(matches(sel("T|year", "2024"), t)).isTrue();
        assertThat(matches(sel("T|hour|gte", "22"), t)).isTrue();
        assertThat(matches(sel("T|hour", "21"), t)).isFalse();
    }

    @Test
    void cidrForIpv4AndIpv6() {
        assertThat(matches(sel("Ip|cidr", "10.0.0.0/8"), "{\"Ip\": \"10.2.3.4\"}"))
                .isTrue();
        assertThat(matches(sel("Ip|cidr", "10.0.0.0/8"), "{\"Ip\": \"11.2.3.4\"}"))
                .isFalse();
        assertThat(matches(sel("Ip|cidr", "'2001:db8::/32'"), "{\"Ip\": \"2001:db8:1::5\"}"))
                .isTrue();
        assertThat(matches(sel("Ip|cidr", "'2001:db8::/32'"), "{\"Ip\": \"10.0.0.1\"}"))
                .isFalse();
        assertThat(matches(sel("Ip|cidr", "10.0.0.0/8"), "{\"Ip\": \"not-an-ip.example\"}"))
                .isFalse();
    }

    @Test
    void cidrReadsOnlyAddressesNeverNamesOrBareNumbers() {
        // "0" was 0.0.0.0 and "cafe" a DNS lookup when values went through InetAddress as host names
        assertThat(matches(sel("Ip|cidr", "0.0.0.0/0"), "{\"Ip\": 0}")).isFalse();
        assertThat(matches(sel("Ip|cidr", "0.0.0.0/0"), "{\"Ip\": \"cafe\"}")).isFalse();
        assertThat(matches(sel("Ip|cidr", "0.0.0.0/0"), "{\"Ip\": \"300.1.1.1\"}"))
                .isFalse();
        assertThat(matches(sel("Ip|cidr", "10.128.0.0/9"), "{\"Ip\": \"10.200.0.1\"}"))
                .isTrue();
        assertThat(matches(sel("Ip|cidr", "10.128.0.0/9"), "{\"Ip\": \"10.100.0.1\"}"))
                .isFalse();
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  s:\n    Ip|cidr: cafe/8\n  condition: s\n")
                        .problems())
                .singleElement()
                .asString()
                .contains("not a CIDR range");
    }

    @Test
    void expandUsesPlaceholderValues() {
        RuleSet set = new RuleLoader(java.util.Map.of("Admins", List.of("adm_*", "root")))
                .load("title: t\nlogsource: {}\ndetection:\n  s:\n    User|expand: '%Admins%'\n  condition: s\n", "x")
                .build();
        assertThat(set.problems()).isEmpty();
        SigmaRule r = set.rules().get(0);
        assertThat(r.matches(Sigma.event("{\"User\": \"adm_bob\"}"))).isTrue();
        assertThat(r.matches(Sigma.event("{\"User\": \"root\"}"))).isTrue();
        assertThat(r.matches(Sigma.event("{\"User\": \"bob\"}"))).isFalse();
        // \\% is a plain percent sign, only %Admins% is a placeholder
        SigmaRule plain = new RuleLoader(java.util.Map.of("Admins", List.of("root")))
                .load(
                        "title: t\nlogsource: {}\ndetection:\n  s:\n    User|expand: '\\%plain%Admins%'\n"
                                + "  condition: s\n",
                        "x")
                .build()
                .rules()
                .get(0);
        assertThat(plain.matches(Sigma.event("{\"User\": \"%plainroot\"}"))).isTrue();
        // without values the rule is rejected, as the specification requires
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  s:\n    User|expand: '%Admins%'\n"
                                + "  condition: s\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("%Admins%").contains("no values"));
    }

    @Test
    void fieldrefComparesTwoFields() {
        String d = sel("Target|fieldref", "Source");
        assertThat(matches(d, "{\"Target\": \"a\", \"Source\": \"A\"}")).isTrue();
        assertThat(matches(d, "{\"Target\": \"a\", \"Source\": \"b\"}")).isFalse();
        assertThat(matches(sel("Target|fieldref|neq", "Source"), "{\"Target\": \"a\", \"Source\": \"b\"}"))
                .isTrue();
    }

    @Test
    void nullAndEmptyValues() {
        assertThat(matches(sel("F", "null"), "{\"G\": 1}")).isTrue();
        assertThat(matches(sel("F", "null"), "{\"F\": null}")).isTrue();
        assertThat(matches(sel("F", "null"), "{\"F\": \"x\"}")).isFalse();
        assertThat(matches(sel("F", "''"), "{\"F\": \"\"}")).isTrue();
        assertThat(matches(sel("F", "''"), "{\"F\": \"x\"}")).isFalse();
    }

    @Test
    void dottedPathsAndArrays() {
        assertThat(matches(sel("a.b", "x"), "{\"a\": {\"b\": \"x\"}}")).isTrue();
        assertThat(matches(sel("a.b", "x"), "{\"a.b\": \"x\"}")).isTrue();
        assertThat(matches(sel("a.b|contains", "y"), "{\"a\": [{\"b\": \"zz\"}, {\"b\": \"yy\"}]}"))
                .isTrue();
        assertThat(matches(sel("tags", "red"), "{\"tags\": [\"blue\", \"RED\"]}"))
                .isTrue();
    }

    @Test
    void unknownModifiersAndBadValuesAreRejectedWithTheLine() {
        RuleSet bad = Sigma.rules("title: t\nlogsource: {}\ndetection:\n  s:\n    F|startwith: x\n  condition: s\n");
        assertThat(bad.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("unknown modifier 'startwith'").contains("startswith");
        });
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  s:\n    F|re: '(unclosed'\n  condition: s\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("regular expression"));
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  s:\n    F|gt: many\n  condition: s\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a number"));
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  s:\n    F|cidr: 10.0.0.0/99\n  condition: s\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("out of range"));
    }
}
