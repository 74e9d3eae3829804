package org.atlasops.detect.siem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.siem.SiemExport.Target;
import org.atlasops.detect.sigma.YamlDocuments;
import org.junit.jupiter.api.Test;

/**
 * Conversions checked against queries written by hand from each language's documentation (Splunk's search and
 * regex commands and eval functions, Elastic's ES|QL reference, Microsoft's KQL string operators), and the bundled
 * pack: every rule converts or is listed with a reason.
 */
class SiemExportTest {
    private static final String REPRESENTATIVE = """
            title: Representative
            id: rep-1
            logsource: {category: llm}
            detection:
                sel_model:
                    gen_ai.request.model: gpt-4o
                    user.id|startswith: svc-
                sel_text:
                    gen_ai.input.messages.parts.content|contains:
                        - ignore previous
                        - jailbreak
                filter:
                    client.address|endswith: .internal
                condition: all of sel_* and not filter
            """;

    private static final String REGEX = """
            title: Shell tool
            id: rep-2
            logsource: {category: mcp}
            detection:
                sel_name:
                    mcp.tool.name|re|i: '^(run|exec)_shell$'
                sel_tokens:
                    gen_ai.usage.input_tokens|gte: 1000
                condition: 1 of sel_*
            """;

    private static final String SECRET = """
            title: Key in output
            id: rep-3
            logsource: {category: llm}
            detection:
                sel:
                    gen_ai.output.messages.parts.content|re: 'sk-[A-Za-z0-9]{20,}'
                    gen_ai.operation.name: chat
                condition: sel
            """;

    private static final String KEYWORDS = """
            title: Keywords
            id: rep-4
            logsource: {category: llm}
            detection:
                keywords: [DAN mode, 'developer mode']
                condition: keywords
            """;

    private static SiemExport.Result export(String yaml, Target t) {
        return SiemExport.export(List.of(new SiemExport.RuleText("test.yml", yaml)), t, t.defaultSource());
    }

    private static String query(String yaml, Target t) {
        SiemExport.Result r = export(yaml, t);
        assertThat(r.notConverted()).isEmpty();
        return r.converted().get(0).query();
    }

    private static String reason(String yaml, Target t) {
        SiemExport.Result r = export(yaml, t);
        assertThat(r.converted()).isEmpty();
        return r.notConverted().get(0).reason();
    }

    @Test
    void equalsStartsWithContainsEndsWithAllOfAndNotInSplunk() {
        assertThat(query(REPRESENTATIVE, Target.SPLUNK))
                .isEqualTo("index=ai_telemetry gen_ai.request.model=\"gpt-4o\" user.id=\"svc-*\" "
                        + "(gen_ai.input.messages{}.parts{}.content=\"*ignore previous*\" OR "
                        + "gen_ai.input.messages{}.parts{}.content=\"*jailbreak*\") NOT client.address=\"*.internal\"");
    }

    @Test
    void equalsStartsWithContainsEndsWithAllOfAndNotInEsql() {
        assertThat(query(REPRESENTATIVE, Target.ESQL))
                .isEqualTo("FROM ai-telemetry\n| WHERE TO_LOWER(gen_ai.request.model) == \"gpt-4o\" AND "
                        + "TO_LOWER(user.id) LIKE \"\"\"svc-*\"\"\" AND "
                        + "(TO_LOWER(MV_CONCAT(gen_ai.input.messages.parts.content, \"\\n\")) LIKE \"\"\"*ignore previous*\"\"\" OR "
                        + "TO_LOWER(MV_CONCAT(gen_ai.input.messages.parts.content, \"\\n\")) LIKE \"\"\"*jailbreak*\"\"\") AND "
                        + "NOT (TO_LOWER(client.address) LIKE \"\"\"*.internal\"\"\")");
    }

    @Test
    void equalsStartsWithContainsEndsWithAllOfAndNotInKql() {
        assertThat(query(REPRESENTATIVE, Target.KQL))
                .isEqualTo("AiTelemetry\n| where ['gen_ai.request.model'] =~ @\"gpt-4o\" and "
                        + "['user.id'] startswith @\"svc-\" and "
                        + "(tostring(['gen_ai.input.messages']) contains @\"ignore previous\" or "
                        + "tostring(['gen_ai.input.messages']) contains @\"jailbreak\") and "
                        + "not(['client.address'] endswith @\".internal\")");
    }

    @Test
    void aRegexUnderOneOfIsAWhereInSplunkAndKqlAndAnchorsAreRefusedByEsql() {
        assertThat(query(REGEX, Target.SPLUNK))
                .isEqualTo("index=ai_telemetry | where match('mcp.tool.name', \"(?i)^(run|exec)_shell$\") OR "
                        + "searchmatch(\"gen_ai.usage.input_tokens>=1000\")");
        assertThat(query(REGEX, Target.KQL))
                .isEqualTo("AiTelemetry\n| where ['mcp.tool.name'] matches regex @\"(?i)^(run|exec)_shell$\" or "
                        + "toreal(['gen_ai.usage.input_tokens']) >= 1000");
        assertThat(reason(REGEX, Target.ESQL))
                .startsWith("ES|QL: RLIKE (Lucene regular expressions) cannot express " + "anchors ('^')");
    }

    @Test
    void aRegexThatMustHoldIsARegexCommandInSplunkAndAnRlikeInEsql() {
        assertThat(query(SECRET, Target.SPLUNK))
                .isEqualTo("index=ai_telemetry gen_ai.operation.name=\"chat\" "
                        + "| regex gen_ai.output.messages{}.parts{}.content=\"sk-[A-Za-z0-9]{20,}\"");
        assertThat(query(SECRET, Target.ESQL))
                .isEqualTo(
                        "FROM ai-telemetry\n| WHERE MV_CONCAT(gen_ai.output.messages.parts.content, \"\\n\") "
                                + "RLIKE \"\"\".*(sk-[A-Za-z0-9]{20,}).*\"\"\" AND TO_LOWER(gen_ai.operation.name) == \"chat\"");
        assertThat(query(SECRET, Target.KQL))
                .isEqualTo("AiTelemetry\n| where tostring(['gen_ai.output.messages']) matches regex "
                        + "@\"sk-[A-Za-z0-9]{20,}\" and ['gen_ai.operation.name'] =~ @\"chat\"");
    }

    @Test
    void keywordsAreSplunkTermsAndListedForTheOthers() {
        assertThat(query(KEYWORDS, Target.SPLUNK)).isEqualTo("index=ai_telemetry (\"DAN mode\" OR \"developer mode\")");
        assertThat(reason(KEYWORDS, Target.ESQL)).contains("keywords");
        assertThat(reason(KEYWORDS, Target.KQL)).contains("keywords");
    }

    @Test
    void regexesBeyondEachEngineAreListedWithTheConstruct() {
        String lookahead = SECRET.replace("'sk-[A-Za-z0-9]{20,}'", "'(?!000)[0-9]{3}-[0-9]{2}'");
        assertThat(reason(lookahead, Target.KQL)).contains("RE2").contains("lookaround");
        String boundary = SECRET.replace("'sk-[A-Za-z0-9]{20,}'", "'\\bsk-[a-z]+'");
        assertThat(reason(boundary, Target.ESQL)).contains("word boundaries");
        assertThat(query(boundary, Target.KQL)).contains("@\"\\bsk-[a-z]+\"");
    }

    @Test
    void correlationsAndUnsupportedModifiersAreListedWithTheirReason() {
        String yaml = """
                title: Login
                name: login
                logsource: {category: auth}
                detection: {s: {action: login}, condition: s}
                ---
                title: Many logins
                id: many
                correlation: {type: event_count, rules: [login], group-by: [user.id], timespan: 5m, condition: {gte: 3}}
                ---
                title: Encoded
                id: enc
                logsource: {category: llm}
                detection: {s: {gen_ai.input.messages.parts.content|base64: secret}, condition: s}
                """;
        SiemExport.Result r = export(yaml, Target.SPLUNK);
        assertThat(r.converted()).extracting(SiemExport.Converted::title).containsExactly("Login");
        assertThat(r.notConverted())
                .extracting(
                        SiemExport.NotConverted::title,
                        n -> n.reason().split(" ")[0] + " " + n.reason().split(" ")[1])
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("Many logins", "a correlation"),
                        org.assertj.core.api.Assertions.tuple("Encoded", "the modifier"));
    }

    @Test
    void everyBundledRuleConvertsOrIsListedWithAReasonForEveryTarget() {
        List<SiemExport.RuleText> pack = RulePack.files().stream()
                .map(f -> new SiemExport.RuleText("bundled:" + f, RulePack.text(f)))
                .toList();
        long documents = pack.stream()
                .mapToLong(f -> YamlDocuments.read(f.yaml(), f.file()).size())
                .sum();
        for (Target t : Target.values()) {
            SiemExport.Result r = SiemExport.export(pack, t, t.defaultSource());
            assertThat(r.converted().size() + r.notConverted().size())
                    .as(t.name())
                    .isEqualTo(documents);
            assertThat(r.notConverted()).allSatisfy(n -> assertThat(n.reason()).isNotBlank());
            assertThat(r.converted()).as(t.name()).isNotEmpty();
        }
        // Splunk's PCRE takes every regex of the pack: only correlations, fieldref and whole-object fields remain
        assertThat(SiemExport.export(pack, Target.SPLUNK, "index=x").notConverted())
                .allSatisfy(n -> assertThat(n.reason()).containsAnyOf("correlation", "fieldref", "whole object"));
    }
}
