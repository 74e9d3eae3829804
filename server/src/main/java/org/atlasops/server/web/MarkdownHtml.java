package org.atlasops.server.web;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown from ATLAS data to HTML that is safe to put in a page. Raw HTML in the data is shown as text, except a few
 * attribute-free inline tags the data uses for footnote marks ({@code <sup>}, {@code <sub>}, {@code <br>},
 * emphasis and code); link targets other than http(s), mailto and site-relative paths are dropped.
 */
public final class MarkdownHtml {
    private static final Pattern SAFE_TAG = Pattern.compile("</?(?:sup|sub|em|strong|b|i|code)>|<br\\s*/?>");
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .nodeRendererFactory(context -> new NodeRenderer() {
                @Override
                public Set<Class<? extends Node>> getNodeTypes() {
                    return Set.of(HtmlInline.class);
                }

                @Override
                public void render(Node node) {
                    String literal = ((HtmlInline) node).getLiteral();
                    if (SAFE_TAG.matcher(literal.toLowerCase(java.util.Locale.ROOT)).matches()) {
                        context.getWriter().raw(literal.toLowerCase(java.util.Locale.ROOT));
                    } else {
                        context.getWriter().text(literal);
                    }
                }
            })
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if ("a".equals(tag) && attributes.getOrDefault("href", "").startsWith("http")) {
                    attributes.put("rel", "noopener noreferrer");
                }
            })
            .build();

    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }
}
