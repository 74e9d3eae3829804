package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atlasops.detect.sigma.Sigma.matches;

import org.junit.jupiter.api.Test;

/** Condition forms and precedence (or < and < not < x of < parentheses), written from the specification. */
class ConditionTest {
    private static final String IDS = """
              a:
                A: 1
              b:
                B: 1
              c:
                C: 1
              sel_x:
                X: 1
              sel_y:
                Y: 1
              _helper:
                H: 1
            """;

    private static boolean eval(String condition, String event) {
        return matches(IDS + "  condition: " + condition + "\n", event);
    }

    @Test
    void andBindsTighterThanOr() {
        // a or b and c  ==  a or (b and c)
        assertThat(eval("a or b and c", "{\"A\":1,\"B\":0,\"C\":0}")).isTrue();
        assertThat(eval("a or b and c", "{\"A\":0,\"B\":1,\"C\":0}")).isFalse();
        assertThat(eval("(a or b) and c", "{\"A\":1,\"B\":0,\"C\":0}")).isFalse();
    }

    @Test
    void notBindsTighterThanAnd() {
        // not a and b  ==  (not a) and b
        assertThat(eval("not a and b", "{\"A\":0,\"B\":1}")).isTrue();
        assertThat(eval("not a and b", "{\"A\":1,\"B\":1}")).isFalse();
        assertThat(eval("not (a and b)", "{\"A\":1,\"B\":0}")).isTrue();
    }

    @Test
    void oneOfAndAllOfWithPatternsAndThem() {
        assertThat(eval("1 of sel_*", "{\"Y\":1}")).isTrue();
        assertThat(eval("all of sel_*", "{\"Y\":1}")).isFalse();
        assertThat(eval("all of sel_*", "{\"X\":1,\"Y\":1}")).isTrue();
        assertThat(eval("1 of sel_* and not a", "{\"X\":1,\"A\":1}")).isFalse();
        // them leaves out identifiers that start with _
        assertThat(eval("all of them", "{\"A\":1,\"B\":1,\"C\":1,\"X\":1,\"Y\":1}"))
                .isTrue();
        assertThat(eval("1 of them", "{\"H\":1}")).isFalse();
        assertThat(eval("1 of _helper", "{\"H\":1}")).isTrue();
    }

    @Test
    void notOfBindsToTheQuantifier() {
        // not 1 of sel_*  ==  not (1 of sel_*)
        assertThat(eval("a and not 1 of sel_*", "{\"A\":1,\"X\":0,\"Y\":0}")).isTrue();
        assertThat(eval("a and not 1 of sel_*", "{\"A\":1,\"X\":1}")).isFalse();
    }

    @Test
    void aConditionListIsAnOr() {
        String d = IDS + "  condition:\n    - a and b\n    - c\n";
        assertThat(matches(d, "{\"C\":1}")).isTrue();
        assertThat(matches(d, "{\"A\":1}")).isFalse();
    }

    @Test
    void mapsAreAndAndListsOfMapsAreOr() {
        String d = "  s:\n    - A: 1\n      B: 1\n    - C: 1\n  condition: s\n";
        assertThat(matches(d, "{\"A\":1,\"B\":1}")).isTrue();
        assertThat(matches(d, "{\"A\":1}")).isFalse();
        assertThat(matches(d, "{\"C\":1}")).isTrue();
    }

    @Test
    void keywordsSearchTheWholeEvent() {
        String d = "  keywords:\n    - 'event::clear'\n    - 'event::drop'\n  condition: keywords\n";
        assertThat(matches(d, "{\"Message\": \"mimikatz # event::drop done\"}")).isTrue();
        assertThat(matches(d, "{\"Message\": \"nothing\"}")).isFalse();
        String all = "  keywords:\n    '|all':\n      - 'OabVirtualDirectory'\n      - ' -ExternalUrl '\n"
                + "  condition: keywords\n";
        assertThat(matches(all, "{\"a\": \"Set-OabVirtualDirectory -ExternalUrl http://x\"}"))
                .isTrue();
        assertThat(matches(all, "{\"a\": \"Set-OabVirtualDirectory\"}")).isFalse();
    }

    @Test
    void badConditionsNameTheProblem() {
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  a: {A: 1}\n  condition: a and zz\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("\"zz\" is not a search identifier"));
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  a: {A: 1}\n  condition: (a\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected ')'"));
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  a: {A: 1}\n  condition: a | count() > 5\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("correlation rule"));
        assertThat(Sigma.rules("title: t\nlogsource: {}\ndetection:\n  a: {A: 1}\n  condition: 1 of nope*\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("matches no search"));
    }
}
