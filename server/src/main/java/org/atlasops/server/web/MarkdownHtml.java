package org.atlasops.server.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown from ATLAS data to HTML that is safe to put in a page. Raw HTML in the data is shown as text, except a few
 * attribute-free inline tags the data uses for footnote marks ({@code <sup>}, {@code <sub>}, {@code <br>},
 * emphasis and code). A link becomes an anchor only when its target is an http(s) URL or a path on this site
 * ({@code /techniques/AML.T0051}, as ATLAS writes its own links); any other target ({@code javascript:},
 * {@code data:}, {@code mailto:}, {@code //host}, relative paths) is dropped and the link's words are shown as plain text.
 */
public final class MarkdownHtml {
    private static final Pattern SAFE_TAG = Pattern.compile("</?(?:sup|sub|em|strong|b|i|code)>|<br\\s*/?>");
    /** A path on this site: one slash, then path characters only (no scheme, no host, no backslash). */
    private static final Pattern SITE_PATH = Pattern.compile("/[A-Za-z0-9][A-Za-z0-9._~/#?=&%-]*");
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true)
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

    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Whether a URL from data may be a link target: an absolute http or https URL with a host. */
    public static boolean isWebUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLinkable(String destination) {
        return isWebUrl(destination) || SITE_PATH.matcher(destination).matches();
    }

    /** Links: an anchor for a safe target, else only the words. */
    private static final class LinkRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        LinkRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class);
        }

        @Override
        public void render(Node node) {
            Link link = (Link) node;
            String destination = link.getDestination() == null ? "" : link.getDestination().strip();
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
