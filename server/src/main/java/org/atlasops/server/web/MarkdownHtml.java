package org.atlasops.server.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
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
 * emphasis and code). A link becomes an anchor only when its target is an http(s) URL, a {@code mailto:} address or
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
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .nodeRendererFactory(context -> new NodeRenderer() {
                @Override
                public Set<Class<? extends Node>> getNodeTypes() {
                    return Set.of(HtmlInline.class);
                }

                @Override
                public void render(Node node) {
                    String literal = ((HtmlInline) node).getLiteral();
                    if (SAFE_TAG.matcher(literal.toLowerCase(Locale.ROOT)).matches()) {
                        context.getWriter().raw(literal.toLowerCase(Locale.ROOT));
                    } else {
                        context.getWriter().text(literal);
                    }
                }
            })
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
}
