package org.atlasops.server.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown from ATLAS data to HTML that is safe to put in a page. Raw HTML in the data is shown as text, except a few
 * attribute-free inline tags the data uses for footnote marks ({@code <sup>}, {@code <sub>}, {@code <br>},
 * emphasis and code), and the spans and divs whose only attribute is a style, which ATLAS uses to colour the parts of
 * a prompt in its procedure examples: a span keeps its colour as a class when it is one of a few named colours, a div
 * is dropped (its words stay), and no style reaches the page. A link becomes an anchor only when its target is an http(s) URL, a {@code mailto:} address or
 * a path that stays on this site by the browser's URL rules ({@code /techniques/AML.T0051}, as ATLAS writes its own
 * links; see {@link Html#sitePath}); any other target ({@code javascript:}, {@code data:}, {@code //host},
 * {@code /\host}, relative paths) is dropped and the link's words are shown as plain text. An image follows the same
 * rule without {@code mailto:}: an {@code <img>} only for an http(s) or site source, else its alt text as plain text.
 */
public final class MarkdownHtml {
    private static final Pattern SAFE_TAG = Pattern.compile("</?(?:sup|sub|em|strong|b|i|code)>|<br\\s*/?>");
    /** An e-mail address to write to, with an optional query ({@code ?subject=}); nothing that could hide a script. */
    private static final Pattern MAILTO =
            Pattern.compile("(?i)mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+(\\?[A-Za-z0-9._~%=&+-]*)?");

    private static final Parser PARSER = Parser.builder().build();
    /**
     * The colours ATLAS's procedure examples give their spans ({@code <span style="color: green">}); a span of one of
     * these gets a class of the site's stylesheet (inline styles are refused by the page's content security policy),
     * any other colour a plain span.
     */
    private static final Set<String> INKS =
            Set.of("red", "green", "blue", "purple", "maroon", "indigo", "darkmagenta", "coral");

    /** A span or div whose only attribute is a style: ATLAS's presentational markup, kept without the style. */
    private static final Pattern STYLED_TAG =
            Pattern.compile("<(span|div)(?:\\s+style\\s*=\\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'))?\\s*>|</(span|div)\\s*>");

    private static final Pattern COLOR = Pattern.compile("(?:^|;)\\s*color\\s*:\\s*([a-z]+)\\s*;?\\s*(?:$|;)");
    private static final Pattern ANY_TAG = Pattern.compile("<[^<>]*>");

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .nodeRendererFactory(RawHtml::new)
            .nodeRendererFactory(LinkRenderer::new)
            .build();

    private MarkdownHtml() {}

    public static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }

    private static boolean isWebUrl(String url) {
        return Html.safeHref(url).isPresent();
    }

    /** An http(s) URL with a host, a path that stays on this site ({@link Html#sitePath}) or a {@code mailto:}. */
    private static boolean isLinkable(String destination) {
        return isWebUrl(destination)
                || Html.sitePath(destination).isPresent()
                || MAILTO.matcher(destination).matches();
    }

    /**
     * Links and images: an anchor (or image) for a safe target, else only the words. commonmark sanitises image
     * sources only with {@code sanitizeUrls}, which would let {@code mailto:} through; one rule for both is simpler.
     */
    private static final class LinkRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        LinkRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Image image) {
                image(image);
                return;
            }
            Link link = (Link) node;
            String destination =
                    link.getDestination() == null ? "" : link.getDestination().strip();
            HtmlWriter html = context.getWriter();
            if (isLinkable(destination)) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("href", context.encodeUrl(destination));
                if (isWebUrl(destination)) {
                    attributes.put("rel", "noopener noreferrer");
                }
                html.tag("a", attributes);
                children(link);
                html.tag("/a");
                return;
            }
            // The words stay; a target that may not be followed is not shown at all.
            children(link);
        }

        private void image(Image image) {
            String source =
                    image.getDestination() == null ? "" : image.getDestination().strip();
            HtmlWriter html = context.getWriter();
            String alt = altText(image);
            if (!isWebUrl(source) && Html.sitePath(source).isEmpty()) {
                // The alt text stands in for a picture whose source may not be loaded.
                html.text(alt);
                return;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("src", context.encodeUrl(source));
            attributes.put("alt", alt);
            if (image.getTitle() != null) {
                attributes.put("title", image.getTitle());
            }
            html.tag("img", attributes, true);
        }

        /** The image's words as plain text (emphasis and code inside alt text keep only their letters). */
        private static String altText(Node parent) {
            StringBuilder b = new StringBuilder();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Text text) {
                    b.append(text.getLiteral());
                } else if (child instanceof Code code) {
                    b.append(code.getLiteral());
                } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                    b.append(' ');
                } else {
                    b.append(altText(child));
                }
            }
            return b.toString();
        }

        private void children(Node parent) {
            Node child = parent.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
        }
    }

    /**
     * Raw HTML, inline and in blocks: the safe tags as they are, styled spans and divs without their style, anything
     * else as text. Spans are balanced within one description: a closing tag without an open span is dropped.
     */
    private static final class RawHtml implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private int openSpans;

        RawHtml(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(HtmlInline.class, HtmlBlock.class);
        }

        @Override
        public void render(Node node) {
            HtmlWriter html = context.getWriter();
            if (node instanceof HtmlInline inline) {
                tag(html, inline.getLiteral());
                return;
            }
            // a block: its tags one by one, the words between them as text, in a paragraph of its own
            String literal = ((HtmlBlock) node).getLiteral();
            StringBuilder words = new StringBuilder();
            Matcher m = ANY_TAG.matcher(literal);
            int at = 0;
            html.line();
            boolean open = false;
            while (m.find()) {
                words.append(literal, at, m.start());
                if (!words.toString().isBlank() && !open) {
                    html.tag("p");
                    open = true;
                }
                html.text(words.toString());
                words.setLength(0);
                if (!open
                        && !m.group().regionMatches(true, 0, "<div", 0, 4)
                        && !m.group().regionMatches(true, 0, "</div", 0, 5)) {
                    html.tag("p");
                    open = true;
                }
                tag(html, m.group());
                at = m.end();
            }
            words.append(literal.substring(at));
            if (!words.toString().isBlank()) {
                if (!open) {
                    html.tag("p");
                    open = true;
                }
                html.text(words.toString());
            }
            if (open) {
                for (; openSpans > 0; openSpans--) {
                    html.raw("</span>");
                }
                html.tag("/p");
            }
            html.line();
        }

        private void tag(HtmlWriter html, String literal) {
            String lower = literal.toLowerCase(Locale.ROOT);
            if (SAFE_TAG.matcher(lower).matches()) {
                html.raw(lower);
                return;
            }
            Matcher styled = STYLED_TAG.matcher(lower);
            if (!styled.matches()) {
                html.text(literal);
                return;
            }
            if (styled.group(4) != null) { // a closing tag
                if (styled.group(4).equals("span") && openSpans > 0) {
                    openSpans--;
                    html.raw("</span>");
                }
                return;
            }
            if (styled.group(1).equals("div")) {
                return;
            }
            String style = styled.group(2) != null ? styled.group(2) : styled.group(3) != null ? styled.group(3) : "";
            Matcher color = COLOR.matcher(style.strip());
            openSpans++;
            if (color.find() && INKS.contains(color.group(1))) {
                html.raw("<span class=\"ink-" + color.group(1) + "\">");
            } else {
                html.raw("<span>");
            }
        }
    }
}
