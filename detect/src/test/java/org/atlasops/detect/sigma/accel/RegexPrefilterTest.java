package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RegexPrefilterTest {
    @Test
    void literalsOfCommonShapes() {
        assertThat(RegexPrefilter.of("\\b(ignore|disregard)\\b.{0,40}\\binstructions\\b"))
                .as("cut to eight characters")
                .containsExactly("instruct");
        assertThat(RegexPrefilter.of("(AKIA[0-9A-Z]{16}|-----BEGIN (RSA |EC )?PRIVATE KEY-----)"))
                .as("the three kinds of key share their first eight characters")
                .containsExactlyInAnyOrder("akia", "-----beg");
        assertThat(RegexPrefilter.of("colou?r")).containsExactlyInAnyOrder("color", "colour");
        assertThat(RegexPrefilter.of("a.b")).isNull();
        assertThat(RegexPrefilter.of("(foo)?bar")).containsExactly("bar");
        assertThat(RegexPrefilter.of("[a-z]+")).isNull();
        assertThat(RegexPrefilter.of("(?i)abc")).isNull();
        assertThat(RegexPrefilter.of("/dev/tcp/[0-9.]+")).containsExactly("/dev/tcp");
    }

    @Test
    void escapesAreTheCharactersTheyName() {
        // \x41 is "A": neither the "1" after its first digit nor nothing
        assertThat(RegexPrefilter.of("\\x41bcd")).containsExactly("abcd");
        assertThat(RegexPrefilter.of("\\u0041bc")).containsExactly("abc");
        // \e is the escape character, not "e"; \k<n> a back reference: neither is read, nothing is derived
        assertThat(RegexPrefilter.of("\\eabc")).isNull();
        assertThat(RegexPrefilter.of("(?<n>ab)\\k<n>xyz")).isNull();
    }

    @Test
    void fixedPartsSideBySideAreMultipliedOut() {
        // "read_file" has "read_" but none of these: the tool-name rule is ruled out without running the regex
        assertThat(RegexPrefilter.of("(read_(email|mail|inbox)|get_(secret|email)|query)"))
                .containsExactlyInAnyOrder("read_ema", "read_mai", "read_inb", "get_secr", "get_emai", "query");
        assertThat(RegexPrefilter.of("(q|r)(s|t)uv")).containsExactlyInAnyOrder("qsuv", "qtuv", "rsuv", "rtuv");
        assertThat(RegexPrefilter.of("(foo)?bar"))
                .as("foobar holds bar: only bar is kept")
                .containsExactly("bar");
        assertThat(RegexPrefilter.of("x(yz)*w"))
                .as("a repeated group breaks the chain")
                .isNull();
        // beyond 64 strings the chain is cut: (a|b|c|d)(e|f|g|h)(i|j|k|l)(m|n|o|p) keeps the first three parts
        assertThat(RegexPrefilter.of("(a|b|c|d)(e|f|g|h)(i|j|k|l)(m|n|o|p)")).hasSize(64);
    }

    /**
     * A group of 81 fixed strings is more than the derivation multiplies out: the chain restarts inside it, so the
     * group's own strings are not all known and must not continue the chain around it ("xajy" matches).
     */
    @Test
    void aGroupTooBigToMultiplyOutDoesNotStandForItsLastPart() {
        String regex = "x(?:(?:a|b|c|d|e|f|g|h|i)(?:j|k|l|m|n|o|p|q|r))y";
        List<String> literals = RegexPrefilter.of(regex);
        for (String match : new String[] {"xajy", "xiry", "XeNy", "--xcmy--"}) {
            assertThat(Pattern.compile(regex, Pattern.CASE_INSENSITIVE)
                            .matcher(match)
                            .find())
                    .isTrue();
            if (literals != null) {
                assertThat(literals).as(match).anyMatch(l -> containsIgnoringCase(match, l));
            }
        }
    }

    /** Soundness: whenever the regex finds a match, some literal is in the text. */
    @Property(tries = 2000)
    void aMatchAlwaysContainsALiteral(@ForAll @StringLength(max = 40) String text) {
        assertSound(text);
    }

    /** The same on texts made of the patterns' own pieces, so that matches are common. */
    @Property(tries = 5000)
    void aMatchAlwaysContainsALiteralInTextsOfTheirPieces(
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 29) Integer> pieces) {
        String[] from = {
            "colo", "u", "r", "read_", "mail", "inbox", "get_", "x", "yy", "z", "foo", "bar", "baz", "qux", "end", "ab",
            "c", "d", "ef", " ", "q", "s", "t", "uv", "e", "f", "yz", "w", "ignore", "all"
        };
        StringBuilder text = new StringBuilder();
        pieces.forEach(i -> text.append(from[i]));
        assertSound(text.toString());
    }

    private static void assertSound(String text) {
        List<String> patterns = List.of(
                "\\b(ignore|disregard|forget)\\b.{0,10}\\b(previous|all)\\b",
                "(ab|cd)+e?f",
                "x(yz)*w",
                "(?:hello|world)[0-9]{2,}",
                "a{2}b",
                "(q|r)(s|t)uv",
                "colou?r",
                "(read_(mail|inbox)|get_(x|yy))z?",
                "(foo)?bar(baz|qux)?end",
                "\\b(ab|c)\\b(d|ef)",
                "x(?:(?:a|b|c|d|e|f|g|h|i)(?:j|k|l|m|n|o|p|q|r))y");
        for (String p : patterns) {
            List<String> lits = RegexPrefilter.of(p);
            if (lits != null
                    && Pattern.compile(p, Pattern.CASE_INSENSITIVE)
                            .matcher(text)
                            .find()) {
                String lower = text.toLowerCase(Locale.ROOT);
                assertThat(lits.stream().anyMatch(lower::contains))
                        .as(p + " on " + text)
                        .isTrue();
            }
        }
    }

    /**
     * Random regexes of literals (mixed case), alternations and mandatory or optional groups, some large enough that
     * the derivation stops multiplying them out: every string the regex matches (drawn by walking it) holds one of
     * the literals, compared ignoring case as the engine compares them.
     */
    @Property(tries = 2000)
    void everyMatchOfAnAlternationOfLiteralsHoldsALiteral(@ForAll long seed) {
        Random random = new Random(seed);
        Node node = node(random, 2);
        String regex = node.regex();
        List<String> literals = RegexPrefilter.of(regex);
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        for (int i = 0; i < 20; i++) {
            String match = node.sample(random);
            assertThat(p.matcher(match).matches())
                    .as("%s on [%s]", regex, match)
                    .isTrue();
            if (literals != null) {
                assertThat(literals).as("%s on [%s]", regex, match).anyMatch(l -> containsIgnoringCase(match, l));
            }
        }
    }

    private static boolean containsIgnoringCase(String text, String literal) {
        for (int i = 0; i <= text.length() - literal.length(); i++) {
            if (text.regionMatches(true, i, literal, 0, literal.length())) {
                return true;
            }
        }
        return false;
    }

    /** A regex as a tree, so that strings it matches can be drawn from it. */
    private sealed interface Node {
        String regex();

        String sample(Random random);
    }

    private record Literal(String text) implements Node {
        public String regex() {
            return text;
        }

        public String sample(Random random) {
            return text;
        }
    }

    private record Sequence(List<Node> parts) implements Node {
        public String regex() {
            return parts.stream().map(Node::regex).collect(Collectors.joining());
        }

        public String sample(Random random) {
            return parts.stream().map(n -> n.sample(random)).collect(Collectors.joining());
        }
    }

    /** {@code (?:a|b|…)} or a capturing {@code (a|b|…)}, optional ({@code ?}) or not. */
    private record Group(List<Node> branches, boolean capturing, boolean optional) implements Node {
        public String regex() {
            return (capturing ? "(" : "(?:")
                    + branches.stream().map(Node::regex).collect(Collectors.joining("|")) + ")" + (optional ? "?" : "");
        }

        public String sample(Random random) {
            return optional && random.nextBoolean()
                    ? ""
                    : branches.get(random.nextInt(branches.size())).sample(random);
        }
    }

    private static Node node(Random random, int depth) {
        List<Node> parts = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            if (depth > 0 && random.nextInt(3) > 0) {
                List<Node> branches = new ArrayList<>();
                for (int b = 1 + random.nextInt(10); b > 0; b--) {
                    branches.add(node(random, depth - 1));
                }
                parts.add(new Group(branches, random.nextBoolean(), random.nextInt(5) == 0));
            } else {
                StringBuilder text = new StringBuilder();
                for (int k = 1 + random.nextInt(2); k > 0; k--) {
                    char c = (char) ('a' + random.nextInt(12));
                    text.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
                }
                parts.add(new Literal(text.toString()));
            }
        }
        return new Sequence(parts);
    }
}
