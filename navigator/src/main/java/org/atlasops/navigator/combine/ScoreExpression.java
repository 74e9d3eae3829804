package org.atlasops.navigator.combine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A score expression over layers, in the Navigator's language (a subset of mathjs that covers what its users
 * write): numbers; layer variables {@code a}…{@code z}, then {@code aa}, {@code ab}… for layers past the 26th;
 * {@code + - * / % ^}; comparisons {@code == != < <= > >=} (chained like mathjs: {@code a < b < c}); {@code and or
 * xor not} (also {@code && || !}); the ternary {@code c ? x : y}; {@code true false pi e}; and the functions {@code
 * min max sum mean} (any number of arguments, or a range {@code a..f}), {@code abs round floor ceil sqrt}
 * ({@code round(x, n)} rounds to n decimals). Booleans are 1 and 0. Parsed once into a tree, evaluated per
 * technique; no script engine, no reflection.
 */
public final class ScoreExpression {
    /** Longer expressions are refused: the Navigator's users write a few dozen characters. */
    public static final int MAX_LENGTH = 10_000;

    private static final int MAX_DEPTH = 200;

    private final String source;
    private final Node root;
    private final Set<Integer> variables;

    private ScoreExpression(String source, Node root, Set<Integer> variables) {
        this.source = source;
        this.root = root;
        this.variables = variables;
    }

    /** Parses an expression; it is lower-cased first, as the Navigator does. */
    public static ScoreExpression parse(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new ExpressionException(
                    expression.substring(0, 40) + "…", 0, "longer than " + MAX_LENGTH + " characters");
        }
        String text = expression.toLowerCase(Locale.ROOT);
        Parser p = new Parser(text, expression);
        Node n = p.ternary();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + expression.charAt(p.pos) + "' after a complete expression");
        }
        return new ScoreExpression(expression, n, p.variables);
    }

    public String source() {
        return source;
    }

    /** Layer indexes (0 = a) the expression reads, ascending. */
    public Set<Integer> variables() {
        return variables;
    }

    /** True when no layer variable appears: the value initialises every technique. */
    public boolean isConstant() {
        return variables.isEmpty();
    }

    /** Evaluates with {@code values[i]} as the score of layer i. */
    public double evaluate(double[] values) {
        return root.eval(values);
    }

    /** The variable name of the i-th layer (0-based): a…z, aa…az, ba… . */
    public static String variableName(int index) {
        if (index < 26) {
            return String.valueOf((char) ('a' + index));
        }
        int rest = index - 26;
        return String.valueOf((char) ('a' + rest / 26)) + (char) ('a' + rest % 26);
    }

    /** The 0-based layer index of a variable name ({@code a} = 0, {@code aa} = 26). */
    public static int variableIndex(String name) {
        if (name.length() == 1) {
            return name.charAt(0) - 'a';
        }
        return 26 + (name.charAt(0) - 'a') * 26 + (name.charAt(1) - 'a');
    }

    @FunctionalInterface
    private interface Node {
        double eval(double[] v);
    }

    private static double bool(boolean b) {
        return b ? 1 : 0;
    }

    private static boolean truth(double d) {
        return d != 0 && !Double.isNaN(d);
    }

    /** Recursive descent over the grammar in the class comment, lowest precedence first. */
    private static final class Parser {
        private final String text;
        private final String original;
        private int pos;
        private int depth;
        private final Set<Integer> variables = new TreeSet<>();

        Parser(String text, String original) {
            this.text = text;
            this.original = original;
        }

        ExpressionException error(String problem) {
            return new ExpressionException(original, pos, problem);
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String token) {
            skipSpace();
            if (text.startsWith(token, pos)) {
                boolean word = Character.isLetter(token.charAt(0));
                int end = pos + token.length();
                if (word && end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    return false;
                }
                // keep "<=" from matching "<", "==" from matching "=" and so on
                if (!word
                        && token.length() == 1
                        && end < text.length()
                        && text.charAt(end) == '='
                        && "<>!=".indexOf(token.charAt(0)) >= 0) {
                    return false;
                }
                pos = end;
                return true;
            }
            return false;
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        Node ternary() {
            enter();
            Node cond = or();
            if (eat("?")) {
                Node yes = ternary();
                if (!eat(":")) {
                    throw error("expected ':' to complete 'condition ? value : value'");
                }
                Node no = ternary();
                depth--;
                return v -> truth(cond.eval(v)) ? yes.eval(v) : no.eval(v);
            }
            depth--;
            return cond;
        }

        Node or() {
            Node left = xor();
            while (eat("or") || eat("||")) {
                Node l = left;
                Node r = xor();
                left = v -> bool(truth(l.eval(v)) || truth(r.eval(v)));
            }
            return left;
        }

        Node xor() {
            Node left = and();
            while (eat("xor")) {
                Node l = left;
                Node r = and();
                left = v -> bool(truth(l.eval(v)) ^ truth(r.eval(v)));
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (eat("and") || eat("&&")) {
                Node l = left;
                Node r = not();
                left = v -> bool(truth(l.eval(v)) && truth(r.eval(v)));
            }
            return left;
        }

        Node not() {
            if (eat("not") || eat("!")) {
                enter();
                Node inner = not();
                depth--;
                return v -> bool(!truth(inner.eval(v)));
            }
            return comparison();
        }

        Node comparison() {
            Node first = additive();
            List<String> ops = new ArrayList<>();
            List<Node> operands = new ArrayList<>(List.of(first));
            while (true) {
                String op = null;
                for (String candidate : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                    if (eat(candidate)) {
                        op = candidate;
                        break;
                    }
                }
                if (op == null) {
                    break;
                }
                ops.add(op);
                operands.add(additive());
            }
            if (ops.isEmpty()) {
                return first;
            }
            Node[] nodes = operands.toArray(Node[]::new);
            String[] operators = ops.toArray(String[]::new);
            return v -> {
                double left = nodes[0].eval(v);
                for (int i = 0; i < operators.length; i++) {
                    double right = nodes[i + 1].eval(v);
                    boolean holds = switch (operators[i]) {
                        case "==" -> left == right;
                        case "!=" -> left != right;
                        case "<=" -> left <= right;
                        case ">=" -> left >= right;
                        case "<" -> left < right;
                        default -> left > right;
                    };
                    if (!holds) {
                        return 0;
                    }
                    left = right;
                }
                return 1;
            };
        }

        Node additive() {
            Node left = multiplicative();
            while (true) {
                Node l = left;
                if (eat("+")) {
                    Node r = multiplicative();
                    left = v -> l.eval(v) + r.eval(v);
                } else if (eat("-")) {
                    Node r = multiplicative();
                    left = v -> l.eval(v) - r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node multiplicative() {
            Node left = unary();
            while (true) {
                Node l = left;
                if (eat("*")) {
                    Node r = unary();
                    left = v -> l.eval(v) * r.eval(v);
                } else if (eat("/")) {
                    Node r = unary();
                    left = v -> l.eval(v) / r.eval(v);
                } else if (eat("%") || eat("mod")) {
                    Node r = unary();
                    // mathjs: the result has the sign of the divisor
                    left = v -> {
                        double d = r.eval(v);
                        double m = l.eval(v) % d;
                        return m != 0 && (m < 0) != (d < 0) ? m + d : m;
                    };
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            if (eat("-")) {
                enter();
                Node inner = unary();
                depth--;
                return v -> -inner.eval(v);
            }
            if (eat("+")) {
                enter();
                Node inner = unary();
                depth--;
                return inner;
            }
            return power();
        }

        Node power() {
            Node base = primary();
            if (eat("^")) {
                enter();
                Node exponent = unary();
                depth--;
                return v -> Math.pow(base.eval(v), exponent.eval(v));
            }
            return base;
        }

        Node primary() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("the expression ends where a number, a layer variable or '(' was expected");
            }
            char c = text.charAt(pos);
            if (Character.isDigit(c)
                    || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                return number();
            }
            if (c == '(') {
                pos++;
                enter();
                Node inner = ternary();
                depth--;
                if (!eat(")")) {
                    throw error("expected ')'");
                }
                return inner;
            }
            if (Character.isLetter(c)) {
                int start = pos;
                while (pos < text.length()
                        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                String word = text.substring(start, pos);
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == '(') {
                    pos++;
                    return function(word, start);
                }
                return name(word, start);
            }
            throw error("unexpected '" + c + "'; expected a number, a layer variable (a, b, …) or '('");
        }

        private Node number() {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length()
                    && text.charAt(pos) == 'e'
                    && pos + 1 < text.length()
                    && (Character.isDigit(text.charAt(pos + 1)) || "+-".indexOf(text.charAt(pos + 1)) >= 0)) {
                pos += 2;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            try {
                double d = Double.parseDouble(text.substring(start, pos));
                return v -> d;
            } catch (NumberFormatException e) {
                pos = start;
                throw error(
                        "\"" + text.substring(start, Math.min(text.length(), start + 20)) + "\" is not a " + "number");
            }
        }

        private Node name(String word, int start) {
            switch (word) {
                case "true":
                    return v -> 1;
                case "false":
                    return v -> 0;
                case "pi":
                    return v -> Math.PI;
                case "e":
                    // a single "e" is the fifth layer in the Navigator (its regex \b[a-z]\b); keep that meaning
                    break;
                default:
                    break;
            }
            if (word.matches("[a-z]{1,2}") && !word.equals("or")) {
                int index = variableIndex(word);
                variables.add(index);
                return v -> {
                    if (index >= v.length) {
                        throw new ExpressionException(
                                original,
                                start,
                                "variable " + word + " names layer " + (index + 1) + ", but " + v.length
                                        + " layer(s) were given");
                    }
                    return v[index];
                };
            }
            pos = start;
            throw error("unknown name \"" + word + "\"; layers are a, b, c, … and functions are "
                    + "min, max, sum, mean, abs, round, floor, ceil, sqrt");
        }

        private Node function(String name, int start) {
            List<Node> args = new ArrayList<>();
            skipSpace();
            if (!eat(")")) {
                do {
                    args.addAll(argument());
                } while (eat(","));
                if (!eat(")")) {
                    throw error("expected ',' or ')' in the arguments of " + name + "()");
                }
            }
            Node[] a = args.toArray(Node[]::new);
            Runnable arity1 = () -> {
                if (a.length != 1) {
                    pos = start;
                    throw error(name + "() takes one argument, got " + a.length);
                }
            };
            switch (name) {
                case "min", "max", "sum", "mean":
                    if (a.length == 0) {
                        pos = start;
                        throw error(name + "() needs at least one argument");
                    }
                    return v -> {
                        double acc = name.equals("min")
                                ? Double.POSITIVE_INFINITY
                                : name.equals("max") ? Double.NEGATIVE_INFINITY : 0;
                        for (Node n : a) {
                            double x = n.eval(v);
                            acc = switch (name) {
                                case "min" -> Math.min(acc, x);
                                case "max" -> Math.max(acc, x);
                                default -> acc + x;
                            };
                        }
                        return name.equals("mean") ? acc / a.length : acc;
                    };
                case "abs":
                    arity1.run();
                    return v -> Math.abs(a[0].eval(v));
                case "floor":
                    arity1.run();
                    return v -> Math.floor(a[0].eval(v));
                case "ceil":
                    arity1.run();
                    return v -> Math.ceil(a[0].eval(v));
                case "sqrt":
                    arity1.run();
                    return v -> Math.sqrt(a[0].eval(v));
                case "round":
                    if (a.length == 1) {
                        return v -> roundHalfAwayFromZero(a[0].eval(v), 0);
                    }
                    if (a.length == 2) {
                        return v -> roundHalfAwayFromZero(a[0].eval(v), (int) a[1].eval(v));
                    }
                    pos = start;
                    throw error("round() takes one or two arguments (value, decimals), got " + a.length);
                default:
                    pos = start;
                    throw error("unknown function \"" + name + "\"; use min, max, sum, mean, abs, round, floor, "
                            + "ceil or sqrt");
            }
        }

        /** One argument, or a layer range {@code a..f} standing for a, b, …, f. */
        private List<Node> argument() {
            skipSpace();
            int save = pos;
            int wordEnd = pos;
            while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
                wordEnd++;
            }
            String from = text.substring(pos, wordEnd);
            if (from.matches("[a-z]{1,2}") && text.startsWith("..", wordEnd)) {
                pos = wordEnd + 2;
                int toStart = pos;
                while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                    pos++;
                }
                String to = text.substring(toStart, pos);
                if (!to.matches("[a-z]{1,2}") || variableIndex(to) < variableIndex(from)) {
                    pos = toStart;
                    throw error("a range is written first..last with layer variables, e.g. a..f");
                }
                List<Node> range = new ArrayList<>();
                for (int i = variableIndex(from); i <= variableIndex(to); i++) {
                    range.add(name(variableName(i), save));
                }
                return range;
            }
            pos = save;
            return List.of(ternary());
        }
    }

    private static double roundHalfAwayFromZero(double x, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.signum(x) * Math.round(Math.abs(x) * f) / f;
    }
}
