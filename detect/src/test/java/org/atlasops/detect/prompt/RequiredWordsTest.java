package org.atlasops.detect.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RequiredWordsTest {
    @Test
    void literalRunsAlternationsAndMandatoryGroupsGiveWords() {
        assertThat(RequiredWords.of("abc")).contains(Set.of("abc"));
        assertThat(RequiredWords.of("ab|c")).contains(Set.of("ab", "c"));
        // zero-width parts do not break a run, a group of plain words continues it; an optional character ends it
        assertThat(RequiredWords.of("\\bjail\\bbr(?:eak|oke)s?")).contains(Set.of("jailbreak", "jailbroke"));
        assertThat(RequiredWords.of("from (?:now|this) on")).contains(Set.of("from now on", "from this on"));
        assertThat(RequiredWords.of("instructions?")).contains(Set.of("instruction"));
        // the best option: the longest shortest word, then the fewest words
        assertThat(RequiredWords.of("(?:ab|cd)x.{0,5}(?:longer|longest)")).contains(Set.of("longer", "longest"));
        assertThat(RequiredWords.of("(?:abc|def).(?:ghi)")).contains(Set.of("ghi"));
        // a word that contains another of the set adds nothing
        assertThat(RequiredWords.of("(?:policy|polic)")).contains(Set.of("polic"));
        // a repeated character is required once; what follows may come after more of it
        assertThat(RequiredWords.of("ab+cd")).contains(Set.of("ab"));
        assertThat(RequiredWords.of("\\[/?inst]")).contains(Set.of("inst]"));
    }

    /**
     * A group of 36 fixed strings is more than the derivation multiplies out: the run restarts inside it, so the
     * group's own strings are not all known and must not continue the run around it ("xagy" matches).
     */
    @Test
    void aGroupTooBigToMultiplyOutDoesNotStandForItsLastPart() {
        String regex = "x(?:(?:a|b|c|d|e|f)(?:g|h|i|j|k|l))y";
        Optional<Set<String>> words = RequiredWords.of(regex);
        assertThat(words).isPresent();
        for (String match : new String[] {"xagy", "xfly", "xcjy"}) {
            assertThat(Pattern.compile(regex).matcher(match).matches()).isTrue();
            assertThat(words.get()).as(match).anyMatch(match::contains);
        }
    }

    @Test
    void patternsWithoutARequiredLiteralGiveNothing() {
        assertThat(RequiredWords.of("[a-z]+")).isEmpty();
        assertThat(RequiredWords.of("abc|[0-9]")).isEmpty();
        assertThat(RequiredWords.of("(?:abc)?x?")).isEmpty();
        assertThat(RequiredWords.of("(?!)")).isEmpty();
        assertThat(RequiredWords.of("(?=abc)")).isEmpty();
        // constructs the derivation does not read: nothing, never a wrong word
        assertThat(RequiredWords.of("(?i)abc")).isEmpty();
        assertThat(RequiredWords.of("(a)\\1")).isEmpty();
        assertThat(RequiredWords.of("\\e\\Qabc\\E")).isEmpty();
    }

    @Test
    void escapesNamedAndAtomicGroupsAndNestedClassesAreRead() {
        // a Unicode class is one character; hexadecimal escapes are the characters they name
        assertThat(RequiredWords.of("\\p{L}abc")).contains(Set.of("abc"));
        assertThat(RequiredWords.of("\\x41b\\u0043d\\x{45}")).contains(Set.of("AbCdE"));
        assertThat(RequiredWords.of("\\Aab(?<name>cd|ce)(?>f)\\z")).contains(Set.of("abcdf", "abcef"));
        assertThat(RequiredWords.of("[a[bc]]xyz")).contains(Set.of("xyz"));
    }

    private static final String[] ATOMS = {
        "a", "b", "c", "ab", " ", ".", "[ab]", "[^a]", "\\b", "\\s", "\\.", "^", "$", "(?!a)"
    };
    private static final String[] QUANTIFIERS = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "+?"};

    /** Random small regexes over a small alphabet: whenever one matches a text, the text holds one of its words. */
    @Property(tries = 5000)
    void everyMatchContainsARequiredWord(@ForAll long seed) {
        Random random = new Random(seed);
        String regex = regex(random, 2);
        Optional<Set<String>> words = RequiredWords.of(regex);
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        for (int i = 0; i < 20; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append("abc .\n".charAt(random.nextInt(6)));
            }
            java.util.regex.Matcher m = p.matcher(text);
            if (words.isPresent() && m.find()) {
                String match = m.group();
                assertThat(words.get()).as("%s on [%s]", regex, text).anyMatch(match::contains);
            }
        }
    }

    /**
     * Random regexes of literals, alternations and mandatory or optional groups, some large enough that the
     * derivation stops multiplying them out: every string the regex matches (drawn by walking it) holds a word.
     */
    @Property(tries = 3000)
    void everyMatchOfAnAlternationOfLiteralsContainsARequiredWord(@ForAll long seed) {
        Random random = new Random(seed);
        Node node = node(random, 2);
        String regex = node.regex();
        Optional<Set<String>> words = RequiredWords.of(regex);
        Pattern p = Pattern.compile(regex);
        for (int i = 0; i < 20; i++) {
            String match = node.sample(random);
            assertThat(p.matcher(match).matches())
                    .as("%s on [%s]", regex, match)
                    .isTrue();
            words.ifPresent(w -> assertThat(w).as("%s on [%s]", regex, match).anyMatch(match::contains));
        }
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

    /** {@code (?:a|b|…)}, optional ({@code ?}) or not. */
    private record Group(List<Node> branches, boolean optional) implements Node {
        public String regex() {
            return "(?:" + branches.stream().map(Node::regex).collect(Collectors.joining("|")) + ")"
                    + (optional ? "?" : "");
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
                for (int b = 1 + random.nextInt(7); b > 0; b--) {
                    branches.add(node(random, depth - 1));
                }
                parts.add(new Group(branches, random.nextInt(5) == 0));
            } else {
                StringBuilder text = new StringBuilder();
                for (int k = 1 + random.nextInt(2); k > 0; k--) {
                    text.append((char) ('a' + random.nextInt(12)));
                }
                parts.add(new Literal(text.toString()));
            }
        }
        return new Sequence(parts);
    }

    private static String regex(Random random, int depth) {
        StringBuilder b = new StringBuilder();
        for (int branch = random.nextInt(3) == 0 ? 2 : 1; branch > 0; branch--) {
            if (b.length() > 0) {
                b.append('|');
            }
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                String atom = depth > 0 && random.nextInt(4) == 0
                        ? "(?:" + regex(random, depth - 1) + ")"
                        : ATOMS[random.nextInt(ATOMS.length)];
                boolean quantifiable = !atom.equals("\\b")
                                && !atom.equals("^")
                                && !atom.equals("$")
                                && !atom.startsWith("(?!")
                                && atom.length() <= 4
                        || atom.startsWith("(?:");
                b.append(
                        atom.length() == 2 && !atom.startsWith("\\") && !atom.startsWith("[") && random.nextBoolean()
                                ? "(" + atom + ")"
                                : atom);
                if (quantifiable) {
                    b.append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
                }
            }
        }
        return b.toString();
    }
}
