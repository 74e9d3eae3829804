package org.atlasops.navigator.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreExpressionTest {
    private static double eval(String expr, double... values) {
        return ScoreExpression.parse(expr).evaluate(values);
    }

    @ParameterizedTest(name = "{0} with a=3 b=4 c=0 = {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "a+b; 7",
                "a-b; -1",
                "a*b; 12",
                "b/a*3; 4",
                "a+b*2; 11",
                "(a+b)*2; 14",
                "b%a; 1",
                "-b%a; 2",
                "a^2; 9",
                "2^3^2; 512",
                "-a^2; -9",
                "2^-1; 0.5",
                "-(a-b); 1",
                "+a; 3",
                "a>b; 0",
                "a<b; 1",
                "a<=3; 1",
                "a>=4; 0",
                "a==3; 1",
                "a!=3; 0",
                "1<a<b; 1",
                "a<b<2; 0",
                "a and b; 1",
                "a and c; 0",
                "a or c; 1",
                "c or c; 0",
                "a xor b; 0",
                "a xor c; 1",
                "not c; 1",
                "not a; 0",
                "!c; 1",
                "a && c; 0",
                "a || c; 1",
                "a > b ? 25 : 10; 10",
                "a < b ? 25 : 10; 25",
                "c ? 1 : a ? 2 : 3; 2",
                "(a > 2) + (b > 2); 2",
                "true + 1; 2",
                "false; 0",
                "min(a,b); 3",
                "max(a,b,c); 4",
                "sum(a,b,c); 7",
                "mean(a,b); 3.5",
                "mean(a..c); 2.3333333333333335",
                "sum(a..b) + 1; 8",
                "abs(c-b); 4",
                "round(2.5); 3",
                "round(-2.5); -3",
                "round(b/a, 2); 1.33",
                "floor(3.7); 3",
                "ceil(3.2); 4",
                "sqrt(b); 2",
                "1e2; 100",
                ".5 + .5; 1",
                "A + B; 7",
                "50; 50",
                "a mod 2; 1"
            })
    void navigatorSemantics(String expr, double expected) {
        assertThat(eval(expr, 3, 4, 0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void variablesAreTheLayersInOrderAndPast26TheyGoOnAsAaAb() {
        assertThat(ScoreExpression.parse("a + c").variables()).containsExactly(0, 2);
        assertThat(ScoreExpression.parse("z + aa + ab").variables()).containsExactly(25, 26, 27);
        assertThat(ScoreExpression.variableName(0)).isEqualTo("a");
        assertThat(ScoreExpression.variableName(26)).isEqualTo("aa");
        assertThat(ScoreExpression.variableName(53)).isEqualTo("bb");
        double[] forty = new double[40];
        java.util.Arrays.fill(forty, 1);
        assertThat(eval("sum(a..an)", forty)).isEqualTo(40);
        assertThat(ScoreExpression.parse("50 * 2").isConstant()).isTrue();
        assertThat(ScoreExpression.parse("e").variables()).containsExactly(4);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a + ) | 5 | unexpected ')'",
                "a + | 4 | the expression ends",
                "(a + b | 7 | expected ')'",
                "a ? b | 6 | expected ':'",
                "foo(a) | 1 | unknown function \"foo\"",
                "a + abc | 5 | unknown name \"abc\"",
                "a b | 3 | unexpected 'b'",
                "a = b | 3 | unexpected '='",
                "abs(a, b) | 1 | abs() takes one argument",
                "sum(c..a) | 8 | a range is written first..last",
                "a # b | 3 | unexpected '#'",
                "java.lang.Runtime | 1 | unknown name \"java\""
            })
    void badExpressionsPointAtTheCharacter(String expr, int column, String problem) {
        assertThatThrownBy(() -> ScoreExpression.parse(expr))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("expression error at character " + column + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    String[] lines = e.getMessage().split("\n");
                    assertThat(lines[2].indexOf('^')).isEqualTo(lines[1].indexOf(expr) + column - 1);
                });
    }

    @Test
    void hostileNestingIsRefusedNotOverflowed() {
        assertThatThrownBy(() -> ScoreExpression.parse("(".repeat(100_000) + "a" + ")".repeat(100_000)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> ScoreExpression.parse("(".repeat(2_000) + "a" + ")".repeat(2_000)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> ScoreExpression.parse("-".repeat(2_000) + "a"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("nested deeper");
    }

    @Property
    void arithmeticAgreesWithJava(
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double b) {
        assertThat(eval("a + b * 2 - a / 4", a, b)).isEqualTo(a + b * 2 - a / 4);
        assertThat(eval("max(a, b) >= min(a, b)", a, b)).isEqualTo(1);
        assertThat(eval("a > b ? a : b", a, b)).isEqualTo(Math.max(a, b));
    }
}
