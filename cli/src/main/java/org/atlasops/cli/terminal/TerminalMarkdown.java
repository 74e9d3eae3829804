package org.atlasops.cli.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.kb.Markdown;
import org.atlasops.kb.SafeText;

/**
 * Renders ATLAS Markdown for a terminal: links to ATLAS objects become "Name (AML.T0005)", other links
 * "text <url>", raw HTML tags are dropped and entities decoded (the data contains both), paragraphs are
 * re-wrapped and list items kept.
 */
public final class TerminalMarkdown {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
    private static final Pattern ATLAS_LINK = Pattern.compile(
            "^" + Pattern.quote(Markdown.SITE) + "/(?:techniques|tactics|mitigations|studies)/([A-Z0-9.]+)$");
    /** An HTML tag: a name, then attributes or the end; never an autolink such as {@code <https://...>}. */
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9-]*(?:\\s[^>]*)?/?>");

    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+.*");

    private TerminalMarkdown() {}

    /** The text as plain lines no wider than {@code width}, each prefixed with {@code indent}. */
    public static String render(String markdown, int width, String indent) {
        String text = inline(Markdown.resolveLinks(markdown));
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                flush(paragraph, out, width, indent, "");
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
            } else if (LIST_ITEM.matcher(line).matches()) {
                flush(paragraph, out, width, indent, "");
                String stripped = line.strip();
                String marker = stripped.substring(0, stripped.indexOf(' ') + 1);
                wrap(
                        stripped.substring(marker.length()).strip(),
                        out,
                        width,
                        indent + marker,
                        indent + " ".repeat(marker.length()));
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(line.strip());
            }
        }
        flush(paragraph, out, width, indent, "");
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

    /** One line of plain text from Markdown (for table cells). */
    public static String plain(String markdown) {
        return inline(Markdown.resolveLinks(markdown)).replaceAll("\\s+", " ").strip();
    }

    private static String inline(String text) {
        Matcher m = LINK.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Matcher atlas = ATLAS_LINK.matcher(m.group(2));
            String replacement = atlas.matches()
                    ? m.group(1) + " (" + atlas.group(1) + ")"
                    : m.group(1).equals(m.group(2)) ? m.group(2) : m.group(1) + " <" + m.group(2) + ">";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        String noTags = TAG.matcher(sb.toString()).replaceAll("");
        String plain = noTags.replace("**", "").replace("__", "");
        return decode(plain);
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    int cp = e.startsWith("#x")
                            ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1));
                    yield Character.isValidCodePoint(cp) && !Character.isISOControl(cp)
                            ? new String(Character.toChars(cp))
                            : "";
                }
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(r));
        }
        m.appendTail(sb);
        // An entity can spell a control character; never pass one through to the terminal.
        return SafeText.clean(sb.toString());
    }

    private static void flush(StringBuilder paragraph, List<String> out, int width, String indent, String unused) {
        if (paragraph.length() > 0) {
            wrap(paragraph.toString(), out, width, indent, indent);
            paragraph.setLength(0);
        }
    }

    /** Greedy word wrap; words longer than the line (URLs) get a line of their own. */
    public static void wrap(String text, List<String> out, int width, String firstIndent, String nextIndent) {
        StringBuilder line = new StringBuilder(firstIndent);
        int lineStart = firstIndent.length();
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > lineStart && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line = new StringBuilder(nextIndent);
                lineStart = nextIndent.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > lineStart) {
            out.add(line.toString());
        }
    }
}
